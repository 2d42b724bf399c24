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

    /// <summary>Approved WhatsApp templates (Content API) per message key, for messages outside the 24-hour window.</summary>
    public Dictionary<string, WhatsAppTemplate> WhatsAppTemplates { get; set; } = [];

    /// <summary>Outside the WhatsApp window with no template: send the message by SMS instead (logged).</summary>
    public bool WhatsAppSmsFallback { get; set; } = true;

    /// <summary>Our own send rate per sender (Twilio's MPS), so bursts never lean on Twilio's queue.</summary>
    [Range(0.1, 10_000, ErrorMessage = "Twilio:MessagesPerSecond must be between 0.1 and 10000.")]
    public double MessagesPerSecond { get; set; } = 10;

    /// <summary>First delay between retries of a failed call (429, 5xx, no connection); doubles with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long to wait for Twilio's answer. After that a send is "in doubt" and never blindly repeated.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Sends of one message before it is marked failed.</summary>
    [Range(1, 100, ErrorMessage = "Twilio:MaxSendAttempts must be between 1 and 100.")]
    public int MaxSendAttempts { get; set; } = 8;

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

/// <summary>A WhatsApp template approved by Meta: its ContentSid and which message placeholders fill {{1}}, {{2}}, ….</summary>
public sealed class WhatsAppTemplate
{
    public string ContentSid { get; set; } = "";
    public List<string> Variables { get; set; } = [];
}
