namespace MobilityMentoring.Bot.Channels;

public enum SmsEncoding { Gsm7, Ucs2 }

/// <summary>How a text travels as SMS: its encoding, its length in that encoding's units, and its segment count.</summary>
public readonly record struct SmsSegmentCount(SmsEncoding Encoding, int Units, int Segments)
{
    /// <summary>The most units that still fit one segment in this encoding.</summary>
    public int SingleSegmentLimit => Encoding == SmsEncoding.Gsm7 ? SmsSegments.Gsm7Single : SmsSegments.Ucs2Single;
}

/// <summary>
/// Counts SMS segments as carriers and Twilio do: GSM-7 (basic set 1 septet, extension table 2) fits 160 septets in
/// one segment and 153 per segment when split; any other character switches the whole text to UCS-2: 70 UTF-16 units,
/// 67 per segment when split (an emoji outside the BMP takes two units).
/// </summary>
public static class SmsSegments
{
    public const int Gsm7Single = 160;
    public const int Gsm7Multi = 153;
    public const int Ucs2Single = 70;
    public const int Ucs2Multi = 67;

    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Extension = "^{}\\[~]|€\f";

    public static SmsSegmentCount Count(string text)
    {
        var septets = 0;
        foreach (var c in text)
        {
            if (Basic.Contains(c, StringComparison.Ordinal))
            {
                septets += 1;
            }
            else if (Extension.Contains(c, StringComparison.Ordinal))
            {
                septets += 2;
            }
            else
            {
                return Ucs2(text.Length);
            }
        }

        return new SmsSegmentCount(SmsEncoding.Gsm7, septets, Segments(septets, Gsm7Single, Gsm7Multi));
    }

    /// <summary>The first character that forces UCS-2, or null when the text is all GSM-7.</summary>
    public static char? FirstNonGsmCharacter(string text)
    {
        foreach (var c in text)
        {
            if (!Basic.Contains(c, StringComparison.Ordinal) && !Extension.Contains(c, StringComparison.Ordinal))
            {
                return c;
            }
        }

        return null;
    }

    private static SmsSegmentCount Ucs2(int utf16Units) =>
        new(SmsEncoding.Ucs2, utf16Units, Segments(utf16Units, Ucs2Single, Ucs2Multi));

    private static int Segments(int units, int single, int multi) =>
        units == 0 ? 1 : units <= single ? 1 : (units + multi - 1) / multi;
}
