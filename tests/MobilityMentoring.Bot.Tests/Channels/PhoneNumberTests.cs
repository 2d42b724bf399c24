using MobilityMentoring.Bot.Channels;

namespace MobilityMentoring.Bot.Tests.Channels;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("06-12345678")]
    [InlineData("0612345678")]
    [InlineData("0031612345678")]
    [InlineData("+31 6 1234 5678")]
    [InlineData("+31612345678")]
    [InlineData("(06) 1234 5678")]
    [InlineData("whatsapp:+31612345678")]
    [InlineData("  +31 6-12.34.56.78 ")]
    public void Dutch_mobile_numbers_as_people_write_them_become_E164(string input)
    {
        Assert.True(PhoneNumber.TryParse(input, "NL", out var number, out var error), error);
        Assert.Equal("+31612345678", number.Value);
    }

    [Fact]
    public void Numbers_from_other_countries_keep_their_country_code()
    {
        Assert.Equal("+32470123456", PhoneNumber.Parse("+32 470 12 34 56").Value);
        Assert.Equal("+14155552671", PhoneNumber.Parse("+1 415 555 2671").Value);
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("   ", "required")]
    [InlineData(null, "required")]
    [InlineData("hallo", "only hold digits")]
    [InlineData("06-1234567a", "only hold digits")]
    [InlineData("'; DROP TABLE clients;--", "only hold digits")]
    [InlineData("123", "not")]
    [InlineData("06123", "not")]
    [InlineData("+99912345678", "not")]
    [InlineData("0612345678901234567890123456789012345", "at most 32")]
    public void Garbage_is_refused_with_a_clear_reason(string? input, string reason)
    {
        Assert.False(PhoneNumber.TryParse(input, "NL", out _, out var error));
        Assert.Contains(reason, error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Parse_throws_a_format_exception_that_says_why()
    {
        var error = Assert.Throws<FormatException>(() => PhoneNumber.Parse("geen nummer"));
        Assert.Contains("digits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_provider_address_only_has_to_be_possible_so_no_real_sender_is_refused()
    {
        Assert.False(PhoneNumber.TryParse("+31699999999", "NL", out _, out _));
        Assert.True(PhoneNumber.TryParseProviderAddress("+31699999999", out var number, out _));
        Assert.Equal("+31699999999", number.Value);
        Assert.True(PhoneNumber.TryParseProviderAddress("whatsapp:+31612345678", out _, out _));
        Assert.False(PhoneNumber.TryParseProviderAddress("+31", out _, out _));
    }

    [Fact]
    public void Masked_form_hides_the_middle_digits()
    {
        Assert.Equal("+316****5678", PhoneNumber.Parse("0612345678").Masked);
    }
}
