using System.Collections.Frozen;

namespace MobilityMentoring.Bot.Dialogs.Understanding;

/// <summary>
/// Which language a message is written in, for a sender whose language we do not know: the language whose words in
/// dialogs/ (messages, answers, crisis words) the message uses most. Dutch when it is a tie.
/// </summary>
public sealed class LanguageGuess
{
    private readonly FrozenDictionary<string, FrozenSet<string>> vocabularies;

    public LanguageGuess(DialogContent content) =>
        vocabularies = content.Languages.ToFrozenDictionary(
            language => language,
            language => VocabularyOf(content[language]).ToFrozenSet(StringComparer.Ordinal),
            StringComparer.Ordinal);

    public string Of(Utterance utterance) => Of(utterance, vocabularies.Keys);

    /// <summary>The best of <paramref name="candidates"/> for <paramref name="utterance"/>.</summary>
    public string Of(Utterance utterance, IEnumerable<string> candidates)
    {
        var best = DialogContent.DefaultLanguage;
        var bestScore = -1;
        foreach (var language in candidates.OrderBy(l => l == DialogContent.DefaultLanguage ? 0 : 1))
        {
            var words = vocabularies.GetValueOrDefault(language);
            var score = words is null ? 0 : utterance.Tokens.Count(words.Contains);
            if (score > bestScore)
            {
                (best, bestScore) = (language, score);
            }
        }

        return best;
    }

    private static IEnumerable<string> VocabularyOf(LanguageContent content) =>
        content.Messages.Values
            .Concat(content.Intents.Values.SelectMany(p => p))
            .Concat(content.Crisis.Words.Values.SelectMany(w => w))
            .SelectMany(text => Utterance.Tokenize(text.Replace("*", "", StringComparison.Ordinal)))
            .Where(word => word.Length > 1 && !char.IsAsciiDigit(word[0]));
}
