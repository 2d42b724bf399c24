using System.Globalization;
using System.Text;

namespace MobilityMentoring.Bot.Dialogs.Understanding;

/// <summary>
/// A client's message read for meaning: lower case, without accents and punctuation, split into words; each emoji is
/// a word of its own; an apostrophe inside a word joins it ("don't" reads as "dont", "m'n" as "mn"); chat spelling
/// read as the word it stands for ("mn" → "mijn", "dont" → "do not", see <see cref="ChatSpelling"/>).
/// "Ja, gedaan!! 👍🏽" reads as [ja, gedaan, 👍]. # is kept: in phrases it stands for a number.
/// Where a sentence or clause ends (. , ! ? ; : or a new line) is kept too: "ik kan niet meer." ends there,
/// "ik kan niet meer slapen" does not. Digits of any script read as ASCII digits ("١" is "1", see <see cref="TypedText"/>).
/// </summary>
public sealed class Utterance
{
    private readonly bool[] clauseEnds;

    private Utterance(string text, string[] tokens, bool[] clauseEnds)
    {
        Text = text;
        Tokens = tokens;
        this.clauseEnds = clauseEnds;
    }

    /// <summary>The message as the client typed it.</summary>
    public string Text { get; }

    public IReadOnlyList<string> Tokens { get; }

    public bool IsEmpty => Tokens.Count == 0;

    /// <summary>The number the message starts with ("1", "2 nog niet"), if any.</summary>
    public int? LeadingNumber =>
        Tokens.Count > 0 && int.TryParse(Tokens[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>Whether a sentence or clause ends right after the word at <paramref name="index"/> (the last word always ends one).</summary>
    public bool EndsClause(int index) => index >= Tokens.Count - 1 || clauseEnds[index];

    /// <summary>The message's words, without reading chat spelling (see <see cref="Read(string?, ChatSpelling)"/>).</summary>
    public static Utterance Read(string? text) => Read(text, ChatSpelling.None);

    public static Utterance Read(string? text, ChatSpelling spelling)
    {
        var (tokens, ends) = Split(text ?? "");
        var (read, readEnds) = spelling.Apply(tokens, ends);
        return new Utterance(text ?? "", read, readEnds);
    }

    /// <summary>The words of <paramref name="text"/> as <see cref="Read(string?)"/> splits them (used for phrases too).</summary>
    public static string[] Tokenize(string text) => Split(text).Tokens;

    private static (string[] Tokens, bool[] ClauseEnds) Split(string text)
    {
        var tokens = new List<string>();
        var ends = new List<bool>();
        var word = new StringBuilder();
        var runes = RemoveAccents(TypedText.ForReading(text).ToLowerInvariant()).EnumerateRunes().ToArray();
        for (var i = 0; i < runes.Length; i++)
        {
            var rune = runes[i];
            if (Rune.IsLetterOrDigit(rune))
            {
                word.Append(rune.ToString());
                continue;
            }

            if (IsApostrophe(rune) && word.Length > 0 && i + 1 < runes.Length && Rune.IsLetter(runes[i + 1]))
            {
                continue; // don't → dont, m'n → mn
            }

            Flush();
            if (IsEmoji(rune) || rune.Value == '#')
            {
                tokens.Add(rune.ToString());
                ends.Add(false);
            }
            else if (IsClauseBreak(rune) && ends.Count > 0)
            {
                ends[^1] = true;
            }
        }

        Flush();
        return ([.. tokens], [.. ends]);

        void Flush()
        {
            if (word.Length > 0)
            {
                tokens.Add(word.ToString());
                ends.Add(false);
                word.Clear();
            }
        }
    }

    private static bool IsApostrophe(Rune rune) => rune.Value is '\'' or '’' or '`' or '´';

    private static bool IsClauseBreak(Rune rune) => rune.Value is '.' or ',' or '!' or '?' or ';' or ':' or '\n' or '\r';

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
