using System.Globalization;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Dialogs.Safety;
using MobilityMentoring.Bot.Dialogs.Understanding;

namespace MobilityMentoring.Bot.Dialogs.Lint;

public sealed record LintProblem(string Language, string Key, string Reason)
{
    public override string ToString() => $"{Language}/{Key}: {Reason}";
}

/// <summary>
/// The content check behind <c>lint-dialogs</c> and the test suite: every message in every language has the same
/// keys and placeholders, fits one SMS with its placeholders at their longest, asks at most one question, reads
/// easily (Flesch–Douma or Flesch ≥ 60, no sentence over 15 words) and uses no blocked word; and the crisis net's
/// patterns compile, each kind has its answer, and no pattern is written in chat spelling.
/// </summary>
public static class ContentLint
{
    public const double MinimumReadingEase = 60;
    public const int MaximumSentenceWords = 15;

    /// <summary>Keys that are pieces of other messages (an example step, a part of the day), not messages of their own.</summary>
    private static readonly (string Prefix, string Placeholder)[] Fragments =
        [("example.", "example"), ("part.", "when")];

    public static IReadOnlyList<LintProblem> Check(DialogContent content)
    {
        var problems = new List<LintProblem>();
        var allKeys = content.Languages.SelectMany(l => content.MessagesOf(l).Keys).ToHashSet(StringComparer.Ordinal);
        foreach (var language in content.Languages)
        {
            var messages = content.MessagesOf(language);
            foreach (var key in allKeys.Where(k => !messages.ContainsKey(k)).Order(StringComparer.Ordinal))
            {
                problems.Add(new(language, key, "missing in this language"));
            }

            foreach (var (key, text) in messages.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                problems.AddRange(CheckMessage(content, language, key, text).Select(reason => new LintProblem(language, key, reason)));
            }
        }

        problems.AddRange(CrisisNet.Problems(content).Select(p => new LintProblem(p.Language, "crisis.yaml", p.Problem)));
        return problems;
    }

    private static IEnumerable<string> CheckMessage(DialogContent content, string language, string key, string text)
    {
        foreach (var other in content.Languages.Where(l => l != language))
        {
            if (content.MessagesOf(other).TryGetValue(key, out var translation)
                && !PlaceholdersOf(text).SetEquals(PlaceholdersOf(translation)))
            {
                yield return $"placeholders differ from {other}: {{{string.Join("} {", PlaceholdersOf(text).Order())}}} here, " +
                             $"{{{string.Join("} {", PlaceholdersOf(translation).Order())}}} there";
            }
        }

        foreach (var unknown in PlaceholdersOf(text).Where(p => !content.PlaceholderLimits.ContainsKey(p)))
        {
            yield return $"placeholder {{{unknown}}} has no maximum length in placeholders.yaml";
        }

        if (BlockedWordIn(content[language].BlockedWords, text) is { } blocked)
        {
            yield return $"uses the blocked word '{blocked}'";
        }

        if (Fragments.FirstOrDefault(f => key.StartsWith(f.Prefix, StringComparison.Ordinal)) is { Prefix: not null } fragment)
        {
            if (content.PlaceholderLimits.TryGetValue(fragment.Placeholder, out var limit) && text.Length > limit)
            {
                yield return $"is {text.Length} characters; as {{{fragment.Placeholder}}} it may be at most {limit}";
            }

            if (SmsSegments.FirstNonGsmCharacter(text) is { } c)
            {
                yield return $"'{c}' is not in the GSM-7 alphabet and would halve the room of the message it goes into";
            }

            yield break;
        }

        var longest = Render(text, content.PlaceholderLimits, 'x');
        var count = SmsSegments.Count(longest);
        if (count.Segments > 1)
        {
            var why = count.Encoding == SmsEncoding.Ucs2
                ? $"'{SmsSegments.FirstNonGsmCharacter(longest)}' makes it UCS-2 (70 characters per SMS)"
                : "GSM-7, 160 characters per SMS";
            yield return $"does not fit one SMS with placeholders at their longest: {count.Units} characters, {why}";
        }

        var questions = text.Count(c => c == '?');
        if (questions > 1)
        {
            yield return $"asks {questions} questions; one message, one question";
        }

        var readability = Readability.Of(Render(text, content.PlaceholderLimits, null), language);
        if (readability.Score < MinimumReadingEase)
        {
            var formula = language == "nl" ? "Flesch-Douma" : "Flesch";
            yield return $"{formula} reading ease {readability.Score.ToString("F0", CultureInfo.InvariantCulture)}, below {MinimumReadingEase}: use shorter words or sentences";
        }

        if (readability.LongestSentence > MaximumSentenceWords)
        {
            yield return $"has a sentence of {readability.LongestSentence} words; at most {MaximumSentenceWords}";
        }
    }

    /// <summary>Fills each placeholder with <paramref name="fill"/> at its longest, or with a short name when null (for readability).</summary>
    private static string Render(string text, IReadOnlyDictionary<string, int> limits, char? fill) =>
        DialogContent.Placeholder().Replace(text, m =>
            fill is { } c ? new string(c, limits.GetValueOrDefault(m.Groups[1].Value, 20)) : "Sanne");

    private static HashSet<string> PlaceholdersOf(string text) =>
        DialogContent.Placeholder().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    private static string? BlockedWordIn(IReadOnlyList<string> blocked, string text)
    {
        var tokens = Utterance.Tokenize(text);
        foreach (var word in blocked)
        {
            var phrase = Utterance.Tokenize(word);
            if (phrase.Length == 1 ? tokens.Any(t => t.StartsWith(phrase[0], StringComparison.Ordinal))
                                   : PhraseMatcher.Find(tokens, phrase, out _, int.MaxValue) >= 0)
            {
                return word;
            }
        }

        return null;
    }
}
