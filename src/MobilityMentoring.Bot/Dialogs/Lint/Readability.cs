using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MobilityMentoring.Bot.Dialogs.Lint;

/// <summary>Sentences, words and syllables of a short text, and the reading-ease score for its language.</summary>
public sealed partial record Readability(int Sentences, int Words, int Syllables, int LongestSentence, double Score)
{
    /// <summary>
    /// Flesch–Douma for Dutch (206.835 − 0.93·words/sentence − 77·syllables/word), Flesch Reading Ease for English
    /// (206.835 − 1.015·words/sentence − 84.6·syllables/word). Higher is easier; 60 and up is plain language.
    /// </summary>
    public static Readability Of(string text, string language)
    {
        var sentences = SentenceEnd().Split(text).Select(WordsOf).Where(w => w.Length > 0).ToArray();
        var words = sentences.Sum(s => s.Length);
        if (words == 0)
        {
            return new Readability(0, 0, 0, 0, 100);
        }

        var dutch = language == "nl";
        var syllables = sentences.SelectMany(s => s).Sum(w => dutch ? DutchSyllables(w) : EnglishSyllables(w));
        var wordsPerSentence = words / (double)sentences.Length;
        var syllablesPerWord = syllables / (double)words;
        var score = dutch
            ? 206.835 - 0.93 * wordsPerSentence - 77 * syllablesPerWord
            : 206.835 - 1.015 * wordsPerSentence - 84.6 * syllablesPerWord;
        return new Readability(sentences.Length, words, syllables, sentences.Max(s => s.Length), score);
    }

    /// <summary>Words are runs with a letter in them; numbers such as 0800-2000 and option digits are not words.</summary>
    private static string[] WordsOf(string sentence) =>
        [.. WordPattern().Matches(sentence).Select(m => m.Value.ToLowerInvariant()).Where(w => w.Any(char.IsLetter))];

    /// <summary>Vowel groups; a vowel with a diaeresis (financiële) starts a new syllable.</summary>
    public static int DutchSyllables(string word)
    {
        var count = 0;
        var inVowels = false;
        foreach (var c in word)
        {
            var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
            var isVowel = "aeiouy".Contains(decomposed[0], StringComparison.Ordinal);
            var diaeresis = decomposed.Length > 1 && decomposed[1] == '\u0308';
            if (isVowel && (!inVowels || diaeresis))
            {
                count++;
            }

            inVowels = isVowel;
        }

        return Math.Max(1, count);
    }

    /// <summary>Vowel groups, less a silent final e ("make"), but not in "-le" ("little").</summary>
    public static int EnglishSyllables(string word)
    {
        word = word.ToLower(CultureInfo.InvariantCulture);
        var count = 0;
        var inVowels = false;
        foreach (var c in word)
        {
            var isVowel = "aeiouy".Contains(c, StringComparison.Ordinal);
            if (isVowel && !inVowels)
            {
                count++;
            }

            inVowels = isVowel;
        }

        if (count > 1 && word.EndsWith('e') && !word.EndsWith("le", StringComparison.Ordinal) && !word.EndsWith("ee", StringComparison.Ordinal))
        {
            count--;
        }

        return Math.Max(1, count);
    }

    [GeneratedRegex(@"(?<=[.!?])\s+|\n")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"[\p{L}\p{N}'’-]+")]
    private static partial Regex WordPattern();
}
