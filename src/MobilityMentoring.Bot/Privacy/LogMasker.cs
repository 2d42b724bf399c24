using System.Text;
using System.Text.RegularExpressions;

namespace MobilityMentoring.Bot.Privacy;

/// <summary>
/// Masks anything that looks like a phone number before it reaches a log: +31612345678 becomes +316****5678.
/// A safety net under every log line; code should still log <c>PhoneNumber.Masked</c>, never the number.
/// </summary>
public static partial class LogMasker
{
    // Three shapes, never preceded by a letter or digit (so SIDs, GUIDs and ISO dates stay intact), but masked even
    // when a word follows without a space:
    //   +31 6 1234 5678 — international with +;
    //   06-12345678, (06) 1234 5678, 0031 6… — national or 00-international, starting with 0;
    //   31612345678 — a bare run of nine or more digits (WhatsApp's WaId).
    // A dd-mm-yyyy date followed by a time can look like the second shape; masking it is the safe mistake.
    [GeneratedRegex(
        @"(?<![\w+])(?:\+\d(?:[ \-.]?\d){7,}|\(?0\d{1,3}\)?(?:[ \-.]{0,2}\d){6,}|\d{9,})",
        RegexOptions.CultureInvariant)]
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
