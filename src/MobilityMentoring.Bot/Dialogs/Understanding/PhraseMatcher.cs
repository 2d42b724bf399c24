namespace MobilityMentoring.Bot.Dialogs.Understanding;

/// <summary>
/// Finds a phrase ("nog niet", "👍", "over # dagen") in an utterance: word for word, where a word of
/// <paramref name="typoFromLength"/> letters or more may differ by one typo (one letter wrong, missing, extra or two
/// swapped) and # stands for any number.
/// </summary>
public static class PhraseMatcher
{
    public const int DefaultTypoFromLength = 4;

    /// <summary>Where the phrase starts in the utterance, or -1. <paramref name="number"/> is what # matched.</summary>
    public static int Find(IReadOnlyList<string> tokens, string[] phrase, out int? number, int typoFromLength = DefaultTypoFromLength)
    {
        number = null;
        for (var start = 0; start + phrase.Length <= tokens.Count; start++)
        {
            int? found = null;
            var all = true;
            for (var i = 0; i < phrase.Length && all; i++)
            {
                var token = tokens[start + i];
                if (phrase[i] == "#")
                {
                    all = int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n);
                    found = n;
                }
                else
                {
                    all = WordMatches(token, phrase[i], typoFromLength);
                }
            }

            if (all)
            {
                number = found;
                return start;
            }
        }

        return -1;
    }

    public static bool WordMatches(string token, string word, int typoFromLength = DefaultTypoFromLength) =>
        token == word || (word.Length >= typoFromLength && token.Length >= typoFromLength - 1 && IsOneTypoApart(token, word));

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
}
