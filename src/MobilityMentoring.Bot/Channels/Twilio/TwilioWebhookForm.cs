using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using MobilityMentoring.Bot.Channels.Inbound;

namespace MobilityMentoring.Bot.Channels.Twilio;

/// <summary>Reads Twilio's webhook forms (field names as in Twilio's docs) and says which field is wrong.</summary>
public static partial class TwilioWebhookForm
{
    public const int MaxBodyLength = 1600;

    /// <summary>The messages table's From and To columns; a phone or WhatsApp address is far shorter.</summary>
    public const int MaxAddressLength = 64;

    public static bool TryReadMessage(IFormCollection form, [NotNullWhen(true)] out InboundMessage? message, [NotNullWhen(false)] out string? problem)
    {
        message = null;
        var sid = form["MessageSid"].ToString();
        if (!SidPattern().IsMatch(sid))
        {
            problem = "MessageSid must be SM or MM followed by 32 hexadecimal characters.";
            return false;
        }

        var from = form["From"].ToString().Trim();
        if (!PhoneNumber.TryParseProviderAddress(from, out _, out var phoneProblem))
        {
            problem = "From: " + phoneProblem;
            return false;
        }

        var to = form["To"].ToString().Trim();
        if (to.Length > MaxAddressLength)
        {
            problem = $"To is longer than {MaxAddressLength} characters.";
            return false;
        }

        // A tapped WhatsApp quick-reply button arrives with its text in ButtonText and often an empty Body.
        var body = form["Body"].ToString();
        if (body.Length == 0 && form["ButtonText"].ToString() is { Length: > 0 } button)
        {
            body = button;
        }

        if (body.Length > MaxBodyLength)
        {
            problem = $"Body is longer than Twilio's {MaxBodyLength} characters.";
            return false;
        }

        var channel = from.StartsWith(ChannelAddress.WhatsAppPrefix, StringComparison.OrdinalIgnoreCase) ? Channel.WhatsApp : Channel.Sms;
        message = new InboundMessage(sid, channel, from, to, body);
        problem = null;
        return true;
    }

    public static bool TryReadStatus(
        IFormCollection form, [NotNullWhen(true)] out string? sid, out MessageStatus? status, out int? errorCode, [NotNullWhen(false)] out string? problem)
    {
        sid = form["MessageSid"].ToString();
        status = TwilioStatus.Parse(form["MessageStatus"].ToString());
        errorCode = int.TryParse(form["ErrorCode"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : null;
        if (!SidPattern().IsMatch(sid))
        {
            sid = null;
            problem = "MessageSid must be SM or MM followed by 32 hexadecimal characters.";
            return false;
        }

        problem = null;
        return true;
    }

    [GeneratedRegex(@"\A(SM|MM)[0-9a-fA-F]{32}\z")]
    private static partial Regex SidPattern();
}
