using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace MobilityMentoring.Bot.Channels.Twilio;

/// <summary>
/// Twilio credentials and senders. With no AccountSid, nothing goes to Twilio and the simulator is the channel.
/// Every error names the full configuration key, so an operator knows what to fix.
/// </summary>
public sealed partial class TwilioOptions : IValidatableObject
{
    public const string Section = "Twilio";

    public string? AccountSid { get; set; }
    public string? AuthToken { get; set; }
    public string ApiBaseUrl { get; set; } = "https://api.twilio.com";

    /// <summary>The public URL Twilio calls (scheme, host, optional path prefix); webhook signatures are checked against it.</summary>
    public string? PublicBaseUrl { get; set; }

    public string? SmsFrom { get; set; }
    public string? WhatsAppFrom { get; set; }
    public string? MessagingServiceSid { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(AccountSid);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsAbsoluteHttpUrl(ApiBaseUrl))
        {
            yield return Error(nameof(ApiBaseUrl), "must be an absolute http(s) URL, e.g. https://api.twilio.com");
        }

        if (!string.IsNullOrWhiteSpace(PublicBaseUrl) && !IsAbsoluteHttpUrl(PublicBaseUrl))
        {
            yield return Error(nameof(PublicBaseUrl), "must be an absolute http(s) URL, e.g. https://bot.example.nl");
        }

        if (!IsConfigured)
        {
            yield break;
        }

        if (!AccountSidPattern().IsMatch(AccountSid!))
        {
            yield return Error(nameof(AccountSid), "must be AC followed by 32 hexadecimal characters");
        }

        if (string.IsNullOrWhiteSpace(AuthToken))
        {
            yield return Error(nameof(AuthToken), "is required when Twilio:AccountSid is set");
        }

        if (string.IsNullOrWhiteSpace(PublicBaseUrl))
        {
            yield return Error(nameof(PublicBaseUrl), "is required when Twilio:AccountSid is set (webhook signatures are checked against it)");
        }

        if (string.IsNullOrWhiteSpace(SmsFrom) && string.IsNullOrWhiteSpace(WhatsAppFrom) && string.IsNullOrWhiteSpace(MessagingServiceSid))
        {
            yield return Error(nameof(SmsFrom), "or Twilio:WhatsAppFrom or Twilio:MessagingServiceSid is required when Twilio:AccountSid is set");
        }

        if (!string.IsNullOrWhiteSpace(SmsFrom) && !SenderPattern().IsMatch(SmsFrom))
        {
            yield return Error(nameof(SmsFrom), "must be an E.164 number (+3197…) or an alphanumeric sender (with a letter) of at most 11 characters");
        }

        if (!string.IsNullOrWhiteSpace(WhatsAppFrom) && !WhatsAppPattern().IsMatch(WhatsAppFrom))
        {
            yield return Error(nameof(WhatsAppFrom), "must look like whatsapp:+31…");
        }

        if (!string.IsNullOrWhiteSpace(MessagingServiceSid) && !MessagingServicePattern().IsMatch(MessagingServiceSid))
        {
            yield return Error(nameof(MessagingServiceSid), "must be MG followed by 32 hexadecimal characters");
        }
    }

    private static ValidationResult Error(string property, string problem) =>
        new($"{Section}:{property} {problem}.", [property]);

    private static bool IsAbsoluteHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    [GeneratedRegex("^AC[0-9a-fA-F]{32}$")]
    private static partial Regex AccountSidPattern();

    [GeneratedRegex("^MG[0-9a-fA-F]{32}$")]
    private static partial Regex MessagingServicePattern();

    [GeneratedRegex(@"^(\+[1-9]\d{6,14}|(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11})$")]
    private static partial Regex SenderPattern();

    [GeneratedRegex(@"^whatsapp:\+[1-9]\d{6,14}$")]
    private static partial Regex WhatsAppPattern();
}
