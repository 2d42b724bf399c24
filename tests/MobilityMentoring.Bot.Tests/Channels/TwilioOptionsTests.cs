using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using MobilityMentoring.Bot.Channels.Twilio;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Channels;

public sealed class TwilioOptionsTests
{
    private const string AccountSid = "AC0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task Service_refuses_to_start_with_an_AccountSid_but_no_AuthToken_and_names_the_key()
    {
        await using var app = new BotAppFactory()
            .WithSetting("Twilio:AccountSid", AccountSid)
            .WithSetting("Twilio:PublicBaseUrl", "https://bot.example.nl")
            .WithSetting("Twilio:SmsFrom", "+3197010000000");

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());
        Assert.Contains("Twilio:AuthToken", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_complete_configuration_is_valid()
    {
        Assert.Empty(Validate(Complete()));
    }

    [Fact]
    public void No_AccountSid_means_simulator_only_and_is_valid()
    {
        Assert.Empty(Validate(new TwilioOptions()));
    }

    [Theory]
    [InlineData(nameof(TwilioOptions.AccountSid), "SK0123456789abcdef0123456789abcdef", "Twilio:AccountSid")]
    [InlineData(nameof(TwilioOptions.AuthToken), "", "Twilio:AuthToken")]
    [InlineData(nameof(TwilioOptions.PublicBaseUrl), "", "Twilio:PublicBaseUrl")]
    [InlineData(nameof(TwilioOptions.PublicBaseUrl), "bot.example.nl", "Twilio:PublicBaseUrl")]
    [InlineData(nameof(TwilioOptions.ApiBaseUrl), "ftp://api.twilio.com", "Twilio:ApiBaseUrl")]
    [InlineData(nameof(TwilioOptions.SmsFrom), "06 1234", "Twilio:SmsFrom")]
    [InlineData(nameof(TwilioOptions.WhatsAppFrom), "+31612345678", "Twilio:WhatsAppFrom")]
    [InlineData(nameof(TwilioOptions.MessagingServiceSid), "MG123", "Twilio:MessagingServiceSid")]
    public void A_broken_setting_is_reported_by_its_key(string property, string value, string key)
    {
        var options = Complete();
        typeof(TwilioOptions).GetProperty(property)!.SetValue(options, value);

        var errors = Validate(options);

        var error = Assert.Single(errors);
        Assert.StartsWith(key + " ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_AccountSid_without_any_sender_is_refused()
    {
        var options = Complete();
        options.SmsFrom = null;
        options.WhatsAppFrom = null;
        Assert.Contains(Validate(options), e => e.StartsWith("Twilio:SmsFrom or Twilio:WhatsAppFrom", StringComparison.Ordinal));
    }

    private static TwilioOptions Complete() => new()
    {
        AccountSid = AccountSid,
        AuthToken = "secret",
        PublicBaseUrl = "https://bot.example.nl",
        SmsFrom = "+3197010000000",
        WhatsAppFrom = "whatsapp:+3197010000000",
    };

    private static List<string> Validate(TwilioOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage!)];
    }
}
