using MobilityMentoring.Bot.Dialogs.Understanding;

namespace MobilityMentoring.Bot.Dialogs.Safety;

/// <summary>
/// The safety net's reading of a message: suicide, self-harm, overdose and acute medical danger, violence at home;
/// clear or possible. Meaning families, not fixed strings: the patterns in dialogs/{language}/crisis.yaml, over words
/// read as the answers read them (case, accents, chat spelling, one typo in long words), compiled once at start-up.
/// Idioms ("ik ben doodmoe", "this step is killing me") are taken out first. Every language's patterns run on
/// every message: a Dutch client who writes in English is heard.
/// </summary>
public sealed class CrisisNet
{
    private readonly WordPatterns patterns;
    private readonly int[] idioms;
    private readonly Net[] nets;
    private readonly ChatSpelling spelling;
    private readonly LanguageGuess guess;

    /// <summary>Standing alone (benchmarks, tests): with a language guess of its own.</summary>
    public CrisisNet(DialogContent content)
        : this(content, new LanguageGuess(content))
    {
    }

    public CrisisNet(DialogContent content, LanguageGuess guess)
    {
        spelling = content.Spelling;
        this.guess = guess;
        var builder = new WordPatterns.Builder();
        var idiomList = new List<int>();
        var netList = new List<Net>();
        foreach (var language in content.Languages)
        {
            var crisis = content[language].Crisis;
            builder.AddRealWords(crisis.RealWords);
            idiomList.AddRange(crisis.Not.SelectMany(p => Add(p)));
            foreach (var kindKey in crisis.Clear.Keys.Union(crisis.Together.Keys))
            {
                var kind = KindOf(kindKey) ?? throw new FormatException($"dialogs/{language}/crisis.yaml: unknown kind '{kindKey}' (suicide, selfharm, medical, violence)");
                netList.Add(new Net(CrisisLevel.Clear, kind, language,
                    [.. (crisis.Clear.GetValueOrDefault(kindKey) ?? []).SelectMany(Add)],
                    [.. (crisis.Together.GetValueOrDefault(kindKey) ?? []).Values.Select(family => family.SelectMany(Add).ToArray())]));
            }

            netList.Add(new Net(CrisisLevel.Possible, CrisisKind.Suicide, language, [.. crisis.Possible.SelectMany(Add)], []));

            IReadOnlyList<int> Add(string pattern) => builder.Add(pattern, crisis.Words);
        }

        patterns = builder.Build();
        idioms = [.. idiomList];
        nets = [.. netList.OrderByDescending(n => n.Level).ThenBy(n => n.Kind)];
    }

    /// <summary>The crisis words <paramref name="word"/> would be read as, by one typo (for checking real words against them).</summary>
    public IReadOnlyList<string> TypoReadings(string word) => patterns.TypoReadings(word);

    /// <summary>What the message says about a crisis, or null. Clear before possible; 112 first (see <see cref="CrisisKind"/>).</summary>
    public CrisisSignal? Detect(string? text) => Detect(Utterance.Read(text, spelling));

    public CrisisSignal? Detect(Utterance utterance)
    {
        if (utterance.IsEmpty)
        {
            return null;
        }

        var scan = patterns.Read(utterance);
        foreach (var idiom in idioms)
        {
            scan.MaskAll(idiom);
        }

        CrisisSignal? found = null;
        var languages = new HashSet<string>(StringComparer.Ordinal);
        foreach (var net in nets)
        {
            if (found is not null && (found.Level != net.Level || found.Kind != net.Kind))
            {
                break;
            }

            if (net.Fits(scan))
            {
                found ??= new CrisisSignal(net.Level, net.Kind, net.Language);
                languages.Add(net.Language);
            }
        }

        // "ik denk aan suicide" fits both languages' patterns: the reply goes in the language the rest is written in.
        return found is not null && languages.Count > 1 ? found with { Language = guess.Of(utterance, languages) } : found;
    }

    /// <summary>Why the crisis patterns in <paramref name="content"/> cannot work as written, per language (for lint-dialogs).</summary>
    public static IEnumerable<(string Language, string Problem)> Problems(DialogContent content)
    {
        foreach (var language in content.Languages)
        {
            var crisis = content[language].Crisis;
            var builder = new WordPatterns.Builder();
            foreach (var pattern in AllPatterns(crisis))
            {
                string? problem = null;
                try
                {
                    builder.Add(pattern, crisis.Words);
                }
                catch (FormatException e)
                {
                    problem = e.Message;
                }

                if (problem is not null)
                {
                    yield return (language, problem);
                }
            }

            foreach (var (kind, families) in crisis.Together.Where(t => t.Value.Count == 1))
            {
                yield return (language, $"together: {kind} has one family ({families.Keys.Single()}); it takes two to agree");
            }

            foreach (var kind in crisis.Clear.Keys.Union(crisis.Together.Keys).Where(k => KindOf(k) is null))
            {
                yield return (language, $"unknown kind '{kind}' (suicide, selfharm, medical, violence)");
            }

            foreach (var key in crisis.Clear.Keys.Union(crisis.Together.Keys).Select(k => "crisis." + k).Concat(crisis.Possible.Length > 0 ? ["crisis.possible", "crisis.possible.no"] : [])
                         .Where(key => !content.MessagesOf(language).ContainsKey(key)))
            {
                yield return (language, $"no message '{key}' in messages.yaml to answer it");
            }

            foreach (var word in WordsOf(crisis).Where(w => content.Spelling.ReadAs(w) is not null).Distinct(StringComparer.Ordinal))
            {
                yield return (language, $"'{word}' is chat spelling, read as '{content.Spelling.ReadAs(word)}': write that in patterns and word groups");
            }
        }
    }

    private static IEnumerable<string> AllPatterns(CrisisContent crisis) =>
        crisis.Not.Concat(crisis.Possible).Concat(crisis.Clear.Values.SelectMany(p => p))
            .Concat(crisis.Together.Values.SelectMany(families => families.Values.SelectMany(p => p)));

    /// <summary>The plain words in the patterns and word groups, as messages are read.</summary>
    private static IEnumerable<string> WordsOf(CrisisContent crisis) =>
        AllPatterns(crisis).Concat(crisis.Words.Values.SelectMany(w => w))
            .SelectMany(p => p.Split([' ', '|', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
            .Where(w => !w.StartsWith('@') && !w.Contains('*', StringComparison.Ordinal) && w is not (".." or "..." or "$" or "#" or "##"))
            .SelectMany(w => Utterance.Tokenize(w.TrimStart('~')));

    private static CrisisKind? KindOf(string key) =>
        Enum.GetValues<CrisisKind>().Cast<CrisisKind?>().FirstOrDefault(k => CrisisSignal.KeyOf(k!.Value) == key);

    /// <summary>One kind at one level in one language: any single pattern, or patterns of two families together.</summary>
    private sealed record Net(CrisisLevel Level, CrisisKind Kind, string Language, int[] Singles, int[][] Families)
    {
        public bool Fits(WordPatterns.Scan scan)
        {
            if (Singles.Any(p => scan.Find(p) is not null))
            {
                return true;
            }

            var families = 0;
            foreach (var family in Families)
            {
                if (family.Any(p => scan.Find(p) is not null) && ++families == 2)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
