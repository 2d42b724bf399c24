namespace MobilityMentoring.Bot.Dialogs.Understanding;

/// <summary>
/// Finds a phrase ("nog niet", "👍", "over # dagen") in an utterance: word for word, where a word of
/// <paramref name="typoFromLength"/> letters or more may differ by one typo (one letter wrong, missing, extra or two
/// swapped), a stretched word counts as the word ("jaaa", "neeee", "yess") and # stands for any number.
/// </summary>
public static class PhraseMatcher
{
    public const int DefaultTypoFromLength = 4;

    /// <summary>
    /// Where the phrase starts in the utterance, or -1. <paramref name="number"/> is what # matched (digits, or a
    /// word <paramref name="numberOf"/> reads as a number); <paramref name="typos"/> how many words needed a typo.
    /// </summary>
    public static int Find(
        IReadOnlyList<string> tokens, string[] phrase, Func<string, int?> numberOf, out int? number, out int typos,
        int typoFromLength = DefaultTypoFromLength)
    {
        number = null;
        typos = 0;
        for (var start = 0; start + phrase.Length <= tokens.Count; start++)
        {
            int? found = null;
            var missed = 0;
            var all = true;
            for (var i = 0; i < phrase.Length && all; i++)
            {
                var token = tokens[start + i];
                if (phrase[i] == "#")
                {
                    found = numberOf(token);
                    all = found is not null;
                }
                else if (token != phrase[i])
                {
                    all = WordMatches(token, phrase[i], typoFromLength);
                    missed++;
                }
            }

            if (all)
            {
                (number, typos) = (found, missed);
                return start;
            }
        }

        return -1;
    }

    /// <summary>The phrase found with digits only for # (used where number words do not apply).</summary>
    public static int Find(IReadOnlyList<string> tokens, string[] phrase, out int? number, int typoFromLength = DefaultTypoFromLength) =>
        Find(tokens, phrase, Digits, out number, out _, typoFromLength);

    public static bool WordMatches(string token, string word, int typoFromLength = DefaultTypoFromLength) =>
        token == word
        || (word.Length >= typoFromLength && token.Length >= typoFromLength && IsOneTypoApart(token, word))
        || (token.Length > word.Length && IsStretched(token, word));

    /// <summary>
    /// "jaaa" is "ja", "neeee" is "nee", "yess" is "yes": the same letters, one of them typed three times or more, or
    /// the last letter of a word of three letters or more typed twice. "ook" is not "ok", "een" is not "en".
    /// </summary>
    public static bool IsStretched(string token, string word)
    {
        var longRun = false;
        int i = 0, j = 0;
        while (i < token.Length && j < word.Length)
        {
            if (token[i] != word[j])
            {
                return false;
            }

            var letter = token[i];
            var runToken = 0;
            while (i < token.Length && token[i] == letter)
            {
                (i, runToken) = (i + 1, runToken + 1);
            }

            var runWord = 0;
            while (j < word.Length && word[j] == letter)
            {
                (j, runWord) = (j + 1, runWord + 1);
            }

            if (runToken < runWord)
            {
                return false;
            }

            longRun |= runToken > runWord && (runToken >= 3 || (i == token.Length && word.Length >= 3));
        }

        return i == token.Length && j == word.Length && longRun;
    }

    /// <summary>Optimal string alignment distance of at most one (Damerau: a swap of two neighbours counts as one).</summary>
    public static bool IsOneTypoApart(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1 || a == b)
        {
            return a == b;
        }

        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        if (a.Length == b.Length)
        {
            // One letter wrong, or two neighbours swapped.
            return a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i + 1))
                   || (i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a.AsSpan(i + 2).SequenceEqual(b.AsSpan(i + 2)));
        }

        // One letter missing or extra.
        return a.Length > b.Length ? a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i)) : a.AsSpan(i).SequenceEqual(b.AsSpan(i + 1));
    }

    private static int? Digits(string token) =>
        int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
}
