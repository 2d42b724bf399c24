using System.Diagnostics.CodeAnalysis;
using PhoneNumbers;

namespace MobilityMentoring.Bot.Channels;

/// <summary>A phone number, always in E.164 (+31612345678). Parse user input with <see cref="TryParse"/>.</summary>
public readonly record struct PhoneNumber
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    private PhoneNumber(string e164) => Value = e164;

    public string Value { get; }

    /// <summary>For logs and screens that must not show the full number: +316****5678.</summary>
    public string Masked => Privacy.LogMasker.MaskPhone(Value);

    /// <summary>Reads a number as people write it (06-12345678, 0031 6…, +31 6 …, whatsapp:+31…).</summary>
    public static bool TryParse(
        string? input, string defaultRegion, out PhoneNumber number, [NotNullWhen(false)] out string? error) =>
        TryParse(input, defaultRegion, requireValid: true, out number, out error);

    /// <summary>
    /// Reads an address a provider (Twilio) vouches for. It only has to be a possible number: number-plan data ages,
    /// and refusing a real sender would lose their message.
    /// </summary>
    public static bool TryParseProviderAddress(string? address, out PhoneNumber number, [NotNullWhen(false)] out string? error) =>
        TryParse(address, "NL", requireValid: false, out number, out error);

    private static bool TryParse(
        string? input, string defaultRegion, bool requireValid, out PhoneNumber number, [NotNullWhen(false)] out string? error)
    {
        number = default;
        var text = input?.Trim() ?? "";
        if (text.StartsWith("whatsapp:", StringComparison.OrdinalIgnoreCase))
        {
            text = text["whatsapp:".Length..];
        }

        if (text.Length == 0)
        {
            error = "A phone number is required.";
            return false;
        }

        if (text.Length > 32)
        {
            error = "A phone number has at most 32 characters.";
            return false;
        }

        if (text.Any(c => !(char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '.' or '(' or ')')))
        {
            error = "A phone number may only hold digits, spaces, dashes, brackets and a leading +.";
            return false;
        }

        try
        {
            var parsed = Util.Parse(text, defaultRegion);
            if (requireValid ? !Util.IsValidNumber(parsed) : !Util.IsPossibleNumber(parsed))
            {
                error = "This is not a valid phone number for its country.";
                return false;
            }

            number = new PhoneNumber(Util.Format(parsed, PhoneNumberFormat.E164));
            error = null;
            return true;
        }
        catch (NumberParseException)
        {
            error = "This is not a phone number.";
            return false;
        }
    }

    public static PhoneNumber Parse(string input, string defaultRegion = "NL") =>
        TryParse(input, defaultRegion, out var number, out var error) ? number : throw new FormatException(error);

    /// <summary>Rehydrates a value that was stored in E.164 already (database, trusted provider fields).</summary>
    public static PhoneNumber FromE164(string e164) => new(e164);

    public override string ToString() => Value;
}
