using System.Globalization;
using System.Text;

namespace MobilityMentoring.Bot.Dialogs.Understanding;

/// <summary>
/// A client's message read for meaning: lower case, without accents and punctuation, split into words; each emoji is
/// a word of its own. "Ja, gedaan!! 👍🏽" reads as [ja, gedaan, 👍]. # is kept: in phrases it stands for a number.
/// </summary>
public sealed class Utterance
{
    private Utterance(string text, string[] tokens)
    {
        Text = text;
        Tokens = tokens;
    }

    /// <summary>The message as the client typed it.</summary>
    public string Text { get; }

    public IReadOnlyList<string> Tokens { get; }

    public bool IsEmpty => Tokens.Count == 0;

    /// <summary>The number the message starts with ("1", "2 nog niet"), if any.</summary>
    public int? LeadingNumber =>
        Tokens.Count > 0 && int.TryParse(Tokens[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static Utterance Read(string? text) => new(text ?? "", Tokenize(text ?? ""));

    /// <summary>The words of <paramref name="text"/> as <see cref="Read"/> splits them (used for phrases too).</summary>
    public static string[] Tokenize(string text)
    {
        var tokens = new List<string>();
        var word = new StringBuilder();
        foreach (var rune in RemoveAccents(text.ToLowerInvariant()).EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                word.Append(rune.ToString());
                continue;
            }

            Flush();
            if (IsEmoji(rune) || rune.Value == '#')
            {
                tokens.Add(rune.ToString());
            }
        }

        Flush();
        return [.. tokens];

        void Flush()
        {
            if (word.Length > 0)
            {
                tokens.Add(word.ToString());
                word.Clear();
            }
        }
    }

    private static bool IsEmoji(Rune rune) =>
        Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherSymbol
        && rune.Value is not (>= 0x1F3FB and <= 0x1F3FF); // skin tones say nothing

    private static string RemoveAccents(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                kept.Append(c);
            }
        }

        return kept.ToString().Normalize(NormalizationForm.FormC);
    }
}
