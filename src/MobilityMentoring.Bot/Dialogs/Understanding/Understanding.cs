using System.Collections.Frozen;
using System.Globalization;

namespace MobilityMentoring.Bot.Dialogs.Understanding;

/// <summary>
/// Reads what a client means, driven by the intent tables in dialogs/{language}/intents.yaml (every language at once:
/// a Dutch client who answers "done" is understood) and the command words in keywords.yaml.
/// </summary>
public sealed class Understanding
{
    private readonly FrozenDictionary<string, string[][]> phrases;
    private readonly FrozenDictionary<string, string[][]> commands;

    public Understanding(DialogContent content)
    {
        var intents = content.Languages.SelectMany(l => content[l].Intents.Keys).Distinct(StringComparer.Ordinal);
        phrases = intents.ToFrozenDictionary(
            intent => intent,
            intent => content.PhrasesInAnyLanguage(intent).Select(Utterance.Tokenize).Where(p => p.Length > 0)
                .DistinctBy(p => string.Join(' ', p)).ToArray());
        var commandNames = content.Languages.SelectMany(l => content[l].Keywords.Keys).Distinct(StringComparer.Ordinal);
        commands = commandNames.ToFrozenDictionary(
            name => name,
            name => content.KeywordsInAnyLanguage(name).Select(Utterance.Tokenize).Where(k => k.Length > 0).ToArray());
    }

    /// <summary>
    /// Which of <paramref name="choices"/> (intents, in the order they were numbered) the client picked: by number,
    /// or by the longest phrase found ("nog niet gedaan" is not yet, not done). Null when unclear.
    /// </summary>
    public string? Choose(Utterance utterance, IReadOnlyList<string> choices)
    {
        if (utterance.LeadingNumber is { } number)
        {
            return number >= 1 && number <= choices.Count ? choices[number - 1] : null;
        }

        var best = choices.Select(choice => (Choice: choice, Length: LongestMatch(utterance, choice)))
            .Where(c => c.Length > 0).OrderByDescending(c => c.Length).Take(2).ToArray();
        return best.Length switch
        {
            0 => null,
            1 => best[0].Choice,
            _ => best[0].Length > best[1].Length ? best[0].Choice : null,
        };
    }

    /// <summary>Whether the message holds a phrase of <paramref name="intent"/>.</summary>
    public bool Means(Utterance utterance, string intent) => LongestMatch(utterance, intent) > 0;

    /// <summary>The first phrase of <paramref name="intent"/> found: where, how many words, and the number # matched.</summary>
    public PhraseMatch? Find(Utterance utterance, string intent, int typoFromLength = PhraseMatcher.DefaultTypoFromLength)
    {
        PhraseMatch? best = null;
        foreach (var phrase in phrases.GetValueOrDefault(intent) ?? [])
        {
            var start = PhraseMatcher.Find(utterance.Tokens, phrase, out var number, typoFromLength);
            if (start >= 0 && (best is null || phrase.Length > best.Length))
            {
                best = new PhraseMatch(intent, start, phrase.Length, number);
            }
        }

        return best;
    }

    /// <summary>
    /// Whether the message is the command <paramref name="name"/> (keywords.yaml): the word alone, or followed by a
    /// number and at most one more word ("PAUZE 2", "pause 2 weeks"). Commands never allow typos: STAP is not STOP.
    /// </summary>
    public bool IsCommand(Utterance utterance, string name, out int? argument)
    {
        argument = null;
        var tokens = utterance.Tokens;
        foreach (var command in commands.GetValueOrDefault(name) ?? [])
        {
            if (command.Length > tokens.Count || !tokens.Take(command.Length).SequenceEqual(command, StringComparer.Ordinal))
            {
                continue;
            }

            var rest = tokens.Skip(command.Length).ToArray();
            if (rest.Length == 0)
            {
                return true;
            }

            if (rest.Length <= 2 && int.TryParse(rest[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                argument = n;
                return true;
            }
        }

        return false;
    }

    /// <summary>Which command (keywords.yaml) the whole message is, if any: "PAUZE 2" → pause with 2.</summary>
    public string? Command(Utterance utterance, out int? argument)
    {
        foreach (var name in commands.Keys)
        {
            if (IsCommand(utterance, name, out argument))
            {
                return name;
            }
        }

        argument = null;
        return null;
    }

    private int LongestMatch(Utterance utterance, string intent) => Find(utterance, intent)?.Length ?? 0;
}

public sealed record PhraseMatch(string Intent, int Start, int Length, int? Number);
