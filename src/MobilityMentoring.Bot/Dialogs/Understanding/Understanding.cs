using System.Collections.Frozen;
using System.Globalization;
using MobilityMentoring.Bot.Coaching;

namespace MobilityMentoring.Bot.Dialogs.Understanding;

/// <summary>
/// Reads what a client means, driven by the intent tables in dialogs/{language}/intents.yaml (every language at once:
/// a Dutch client who answers "done" is understood) and the command words in keywords.yaml. Phrases are read as
/// messages are (chat spelling, "ij" typed as "y"), so "myn stap" and "vrydag" are understood; numbers may be written
/// as words ("twee", "three"); a stretched word ("jaaa", "neeee") counts as the word.
/// </summary>
public sealed class Understanding
{
    /// <summary>Stands for the mentor's first name in a phrase ("ik wil {mentor} spreken").</summary>
    public const string MentorPlaceholder = "{mentor}";

    private const string CommandPrefix = "command.";

    private static readonly string[] NumberLists = ["numbers", "ordinals"];

    private static readonly string[] OptCommands = ["stop", "start"];

    /// <summary>Only these commands take a number ("PAUZE 2"): "stop 2 weken" is not an opt-out.</summary>
    private static readonly string[] CommandsWithNumber = ["pause"];

    /// <summary>The intent of each <see cref="Coaching.DayPart"/>, in its order.</summary>
    private static readonly string[] PartIntents = ["morning", "afternoon", "evening"];

    private readonly FrozenDictionary<string, string[][]> phrases;
    private readonly FrozenDictionary<string, string[][]> commands;
    private readonly FrozenDictionary<string, int> numbers;
    private readonly FrozenSet<string> filler;
    private readonly FrozenSet<string> negations;
    private readonly string[] commandIntents;

    public Understanding(DialogContent content)
    {
        var spelling = content.Spelling;
        var intents = content.Languages.SelectMany(l => content[l].Intents.Keys).Distinct(StringComparer.Ordinal);
        phrases = intents.ToFrozenDictionary(
            intent => intent,
            intent => content.PhrasesInAnyLanguage(intent).Select(p => Phrase(p, spelling)).Where(p => p.Length > 0)
                .SelectMany(WithY).DistinctBy(p => string.Join(' ', p)).ToArray());
        var commandNames = content.Languages.SelectMany(l => content[l].Keywords.Keys).Distinct(StringComparer.Ordinal);
        commands = commandNames.ToFrozenDictionary(
            name => name,
            name => content.KeywordsInAnyLanguage(name).Select(Utterance.Tokenize).Where(k => k.Length > 0).ToArray());
        numbers = NumberWords(content).ToFrozenDictionary(StringComparer.Ordinal);
        filler = content.PhrasesInAnyLanguage("filler").Select(Utterance.Tokenize).Where(f => f.Length == 1).Select(f => f[0])
            .ToFrozenSet(StringComparer.Ordinal);
        negations = content.PhrasesInAnyLanguage("negation").SelectMany(Utterance.Tokenize).ToFrozenSet(StringComparer.Ordinal);
        commandIntents = [.. commandNames.Select(name => CommandPrefix + name).Where(phrases.ContainsKey)];
    }

    /// <summary>
    /// Which of <paramref name="choices"/> (intents, in the order they were numbered) the client picked: by number
    /// ("2", "twee", "tweede"), or by the longest phrase found ("nog niet gedaan" is not yet, not done), exact words
    /// before typos. Null when unclear. <paramref name="mentor"/> fills {mentor} in phrases.
    /// </summary>
    public string? Choose(Utterance utterance, IReadOnlyList<string> choices, string? mentor = null)
    {
        if (ChosenNumber(utterance) is { } number && number >= 1 && number <= choices.Count)
        {
            return choices[number - 1];
        }

        return BestPhrase(utterance, choices, mentor)
               ?? (ClockPart(utterance) is { } part && choices.Contains(PartIntents[(int)part]) ? PartIntents[(int)part] : null);
    }

    /// <summary>Whether the message holds a phrase of <paramref name="intent"/>.</summary>
    public bool Means(Utterance utterance, string intent, string? mentor = null) => Find(utterance, intent, mentor: mentor) is not null;

    /// <summary>The best phrase of <paramref name="intent"/> found: where, how many words, and the number # matched.</summary>
    public PhraseMatch? Find(Utterance utterance, string intent, int typoFromLength = PhraseMatcher.DefaultTypoFromLength, string? mentor = null)
    {
        PhraseMatch? best = null;
        foreach (var written in phrases.GetValueOrDefault(intent) ?? [])
        {
            var phrase = mentor is null || !written.Contains(MentorPlaceholder) ? written : WithMentor(written, mentor);
            var start = PhraseMatcher.Find(utterance.Tokens, phrase, NumberOf, out var number, out var typos, typoFromLength);
            var match = start < 0 ? null : new PhraseMatch(intent, start, phrase.Length, number, typos);
            if (match is not null && (best is null || match.Score > best.Score))
            {
                best = match;
            }
        }

        return best;
    }

    /// <summary>
    /// Whether the message is the command <paramref name="name"/> (keywords.yaml): the word alone, with polite words
    /// ("stop alsjeblieft", "START weer"), and for PAUZE a number among at most three more words ("PAUZE 2", "pause
    /// for 2 weeks"). Command words never allow typos: STAP is not STOP.
    /// </summary>
    public bool IsCommand(Utterance utterance, string name, out int? argument) => IsCommand(WithoutFiller(utterance), name, out argument);

    private string[] WithoutFiller(Utterance utterance) => [.. utterance.Tokens.Where(t => !filler.Contains(t))];

    private bool IsCommand(string[] tokens, string name, out int? argument)
    {
        argument = null;
        foreach (var command in commands.GetValueOrDefault(name) ?? [])
        {
            if (command.Length > tokens.Length || !tokens.Take(command.Length).SequenceEqual(command, StringComparer.Ordinal))
            {
                continue;
            }

            var rest = tokens.Skip(command.Length).ToArray();
            if (rest.Length == 0)
            {
                return true;
            }

            // "PAUZE 2", "pauze 2 weken", "pause for 2 weeks": one number among at most three words.
            var numbers = rest.Select(NumberOf).Where(n => n is not null).ToArray();
            if (CommandsWithNumber.Contains(name) && rest.Length <= 3 && numbers.Length == 1)
            {
                argument = numbers[0];
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Which command the message is, if any: a command word ("PAUZE 2" → pause, 2), or, with
    /// <paramref name="plainWords"/>, a phrase that says it ("hoeveel punten heb ik" → points; <c>command.*</c> in
    /// intents.yaml). Plain words are off where the bot waits for the client's own words (a step "Engels oefenen" is
    /// not TAAL).
    /// </summary>
    public string? Command(Utterance utterance, out int? argument, string? mentor = null, bool plainWords = true)
    {
        var tokens = WithoutFiller(utterance);
        foreach (var name in commands.Keys)
        {
            if (IsCommand(tokens, name, out argument))
            {
                return name;
            }
        }

        argument = null;
        var phrase = plainWords ? BestPhrase(utterance, commandIntents, mentor) : null;
        if (phrase is null)
        {
            return null;
        }

        argument = Find(utterance, phrase)?.Number;
        return phrase[CommandPrefix.Length..];
    }

    /// <summary>
    /// "rond 10 uur", "na 6 uur", "after 7 pm", "voor 12en": the part of the day of the time named. Hours 1–7 without
    /// am/pm are read as afternoon or evening (nobody plans a step at 3 at night); "na"/"after" moves past the hour.
    /// </summary>
    public DayPart? ClockPart(Utterance utterance)
    {
        var tokens = utterance.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            var digits = new string([.. tokens[i].TakeWhile(char.IsAsciiDigit)]);
            if (digits.Length is 0 or > 2 || int.Parse(digits, CultureInfo.InvariantCulture) is var hour && hour > 24)
            {
                continue;
            }

            var next = i + 1 < tokens.Count ? tokens[i + 1] : "";
            var pm = next is "pm" || tokens[i].EndsWith("pm", StringComparison.Ordinal);
            var am = next is "am" || tokens[i].EndsWith("am", StringComparison.Ordinal);
            var clock = next is "uur" or "u" or "pm" or "am" or "h" || tokens[i][digits.Length..] is "en" or "u" or "h" or "pm" or "am"
                        || (i > 0 && Find(utterance, "time.around") is { } around && around.Start == i - 1);
            if (!clock)
            {
                continue;
            }

            hour = pm && hour < 12 ? hour + 12 : !am && hour is >= 1 and <= 7 ? hour + 12 : hour;
            var after = i > 0 && Find(utterance, "time.after") is { } found && found.Start == i - 1;
            var before = i > 0 && Find(utterance, "time.before") is { } early && early.Start == i - 1;
            var at = after ? hour + 1 : before ? hour - 1 : hour;
            return at switch
            {
                < 12 => DayPart.Morning,
                < 18 => DayPart.Afternoon,
                _ => DayPart.Evening,
            };
        }

        return null;
    }

    /// <summary>
    /// STOP or START: the command word, or plain words that are nearly the whole message, exactly, and not denied
    /// before ("ik wil geen berichten meer" stops; "ik wil me niet afmelden" and "my ex won't stop texting me" do not).
    /// </summary>
    public string? OptInOrOut(Utterance utterance)
    {
        var tokens = WithoutFiller(utterance);
        foreach (var name in OptCommands)
        {
            if (IsCommand(tokens, name, out _)
                || (Find(utterance, CommandPrefix + name) is { Typos: 0 } match
                    && tokens.Length - match.Length <= 2
                    && !utterance.Tokens.Take(match.Start).Any(negations.Contains)))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>A whole number written as digits or as a word of any language ("3", "drie", "three").</summary>
    public int? NumberOf(string token) =>
        int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
        : numbers.TryGetValue(token, out var word) ? word
        : null;

    /// <summary>The number a reply picks: one in front ("1 ja"), or a number word alone ("twee", "eerste", "three").</summary>
    private int? ChosenNumber(Utterance utterance) =>
        utterance.LeadingNumber ?? (utterance.Tokens.Count(t => !filler.Contains(t)) == 1
            ? utterance.Tokens.Where(t => !filler.Contains(t)).Select(NumberOf).First()
            : null);

    /// <summary>The intent whose phrase fits best; null when none does or two fit equally well.</summary>
    private string? BestPhrase(Utterance utterance, IReadOnlyList<string> intents, string? mentor)
    {
        var best = intents.Select(intent => (Intent: intent, Match: Find(utterance, intent, mentor: mentor)))
            .Where(c => c.Match is not null).OrderByDescending(c => c.Match!.Score).Take(2).ToArray();
        if (best.Length == 0 || (best.Length == 2 && best[0].Match!.Score == best[1].Match!.Score))
        {
            return null;
        }

        // Doubt or a question back that says more than the answer ("weet ik niet zeker", "wat moet ik precies doen") is no answer.
        return Find(utterance, "unsure") is { } unsure && unsure.Score > best[0].Match!.Score ? null : best[0].Intent;
    }

    private static string[] Phrase(string written, ChatSpelling spelling)
    {
        var parts = written.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!parts.Contains(MentorPlaceholder))
        {
            var tokens = Utterance.Tokenize(written);
            return spelling.Apply(tokens, new bool[tokens.Length]).Tokens;
        }

        return [.. parts.SelectMany(p => p == MentorPlaceholder ? [p] : Utterance.Tokenize(p))];
    }

    /// <summary>A Dutch "ij" may be typed as "y": "vrijdag" also reads "vrydag".</summary>
    private static IEnumerable<string[]> WithY(string[] phrase)
    {
        yield return phrase;
        if (phrase.Any(w => w.Contains("ij", StringComparison.Ordinal)))
        {
            yield return [.. phrase.Select(w => w.Replace("ij", "y", StringComparison.Ordinal))];
        }
    }

    private static string[] WithMentor(string[] phrase, string mentor) =>
        [.. phrase.SelectMany(w => w == MentorPlaceholder ? Utterance.Tokenize(mentor) : [w])];

    /// <summary>intents.yaml's <c>numbers</c> (een, twee …) and <c>ordinals</c> (eerste, tweede …): the nth word is n.</summary>
    private static IEnumerable<KeyValuePair<string, int>> NumberWords(DialogContent content) =>
        content.Languages.SelectMany(language => NumberLists
                .SelectMany(list => (content[language].Intents.GetValueOrDefault(list) ?? [])
                    .SelectMany((words, i) => words.Split('|').Select(w => new KeyValuePair<string, int>(Utterance.Tokenize(w).FirstOrDefault() ?? "", i + 1)))))
            .Where(n => n.Key.Length > 0)
            .DistinctBy(n => n.Key);
}

/// <summary>A phrase found in a message: longer phrases, then those without typos, count as better answers.</summary>
public sealed record PhraseMatch(string Intent, int Start, int Length, int? Number, int Typos = 0)
{
    public int Score => (Length * 4) - Typos;
}
