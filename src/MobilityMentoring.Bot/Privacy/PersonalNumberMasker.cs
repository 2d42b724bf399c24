using System.Text.RegularExpressions;

namespace MobilityMentoring.Bot.Privacy;

/// <summary>
/// Masks what a client may overshare before their words are quoted to a mentor: an IBAN (NL91ABNA0417164300), a
/// citizen service number (BSN, nine digits that pass the eleven test) and phone numbers.
/// </summary>
public static partial class PersonalNumberMasker
{
    [GeneratedRegex(@"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,3})?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IbanLike();

    [GeneratedRegex(@"(?<!\d)\d(?:[ .\-]?\d){8}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex NineDigits();

    public static string Mask(string? text)
    {
        var masked = IbanLike().Replace(text ?? "", "[IBAN]");
        masked = NineDigits().Replace(masked, m => IsBsn(m.Value) ? "[BSN]" : m.Value);
        return LogMasker.Mask(masked);
    }

    /// <summary>The eleven test: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11 (and not all zeros).</summary>
    public static bool IsBsn(string candidate)
    {
        var digits = candidate.Where(char.IsAsciiDigit).Select(c => c - '0').ToArray();
        if (digits.Length != 9 || digits.All(d => d == 0))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += (9 - i) * digits[i];
        }

        return (sum - digits[8]) % 11 == 0;
    }
}
