using System.Text;
using System.Text.RegularExpressions;

namespace MobilityMentoring.Bot.Privacy;

/// <summary>
/// Masks anything that looks like a phone number before it reaches a log: +31612345678 becomes +316****5678.
/// A safety net under every log line; code should still log <c>PhoneNumber.Masked</c>, never the number.
/// </summary>
public static partial class LogMasker
{
    // Eight or more digits, optionally led by + or 00, with single spaces, dashes, dots or brackets between them.
    // Not preceded by a word character, so digits inside Twilio SIDs and GUIDs are left alone.
    [GeneratedRegex(@"(?<![\w+])\+?\(?\d(?:[ \-.()]?\d){7,}(?!\w)", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneLike();

    public static string Mask(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        return PhoneLike().Replace(text, match => MaskPhone(match.Value));
    }

    /// <summary>Keeps a leading +, the first three and the last four digits when there are ten or more; fewer digits keep only the last two.</summary>
    public static string MaskPhone(string phone)
    {
        var digits = new StringBuilder(phone.Length);
        foreach (var c in phone)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
        }

        var plus = phone.TrimStart().StartsWith('+') ? "+" : "";
        var all = digits.ToString();
        return all.Length >= 10
            ? $"{plus}{all[..3]}****{all[^4..]}"
            : $"{plus}****{all[^Math.Min(2, all.Length)..]}";
    }

    /// <summary>What a log may say about a message body: its length, never its words.</summary>
    public static string Body(string? body) => $"[{body?.Length ?? 0} chars]";
}
