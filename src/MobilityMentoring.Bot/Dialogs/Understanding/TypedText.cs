using System.Globalization;
using System.Text;

namespace MobilityMentoring.Bot.Dialogs.Understanding;

/// <summary>
/// A client's message as every reader sees it, whatever keyboard typed it: a digit of any script is its ASCII digit
/// (full-width "１２", Arabic-Indic "١٢", Persian "۱۲" all read as "12"), full-width punctuation and letters are their
/// ASCII forms ("１２－３" is "12-3"), and invisible format characters are gone (right-to-left and left-to-right marks,
/// zero-width spaces and joiners, which phones insert around numbers in Arabic or Persian text and inside emoji),
/// except that between two letters one still separates two words.
/// The readers parse ASCII digits only, so a number in another script is read, never thrown on.
/// </summary>
public static class TypedText
{
    private const int FullWidthFirst = 0xFF01; // ！
    private const int FullWidthLast = 0xFF5E;  // ～
    private const int FullWidthOffset = 0xFEE0; // ！ (U+FF01) - ! (U+0021)
    private const int IdeographicSpace = 0x3000;

    public static string ForReading(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        if (Ascii.IsValid(text))
        {
            return text;
        }

        var runes = text.EnumerateRunes().ToArray(); // half a surrogate pair reads as U+FFFD
        var read = new StringBuilder(text.Length);
        for (var i = 0; i < runes.Length; i++)
        {
            var rune = runes[i];
            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.DecimalDigitNumber:
                    read.Append((char)('0' + (int)Rune.GetNumericValue(rune)));
                    break;
                case UnicodeCategory.Format:
                    // Between two letters it still parts two words ("kan\u200Bniet" is "kan niet", as it always was: the
                    // crisis net reads words); anywhere else (around a number, an emoji, a space) it is just gone.
                    if (read.Length > 0 && char.IsLetter(read[^1]) && NextVisible(runes, i) is { } next && Rune.IsLetter(next))
                    {
                        read.Append(' ');
                    }

                    break;
                default:
                    if (IsNoncharacter(rune))
                    {
                        // Never text (U+FFFE, U+FDD0 …), and string.Normalize throws on them: gone.
                    }
                    else if (rune.Value is >= FullWidthFirst and <= FullWidthLast)
                    {
                        read.Append((char)(rune.Value - FullWidthOffset));
                    }
                    else if (rune.Value == IdeographicSpace)
                    {
                        read.Append(' ');
                    }
                    else
                    {
                        read.Append(rune.ToString());
                    }

                    break;
            }
        }

        return read.ToString();
    }

    private static bool IsNoncharacter(Rune rune) => rune.Value is >= 0xFDD0 and <= 0xFDEF || (rune.Value & 0xFFFE) == 0xFFFE;

    private static Rune? NextVisible(Rune[] runes, int index)
    {
        for (var i = index + 1; i < runes.Length; i++)
        {
            if (Rune.GetUnicodeCategory(runes[i]) != UnicodeCategory.Format)
            {
                return runes[i];
            }
        }

        return null;
    }
}
