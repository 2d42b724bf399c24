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
    private readonly (int Pattern, CrisisLevel Level, CrisisKind Kind, string Language)[] nets;
    private readonly ChatSpelling spelling;
    private readonly LanguageGuess guess;

    public CrisisNet(DialogContent content)
    {
        spelling = content.Spelling;
        guess = new LanguageGuess(content);
        var builder = new WordPatterns.Builder();
        var idiomList = new List<int>();
        var netList = new List<(int, CrisisLevel, CrisisKind, string)>();
        foreach (var language in content.Languages)
        {
            var crisis = content[language].Crisis;
            builder.AddRealWords(crisis.RealWords);
            idiomList.AddRange(crisis.Not.SelectMany(p => builder.Add(p, crisis.Words)));
            foreach (var (kindKey, list) in crisis.Clear)
            {
                var kind = KindOf(kindKey) ?? throw new FormatException($"dialogs/{language}/crisis.yaml: unknown kind '{kindKey}' (suicide, selfharm, medical, violence)");
                netList.AddRange(list.SelectMany(p => builder.Add(p, crisis.Words)).Select(id => (id, CrisisLevel.Clear, kind, language)));
            }

            netList.AddRange(crisis.Possible.SelectMany(p => builder.Add(p, crisis.Words)).Select(id => (id, CrisisLevel.Possible, CrisisKind.Suicide, language)));
        }

        patterns = builder.Build();
        idioms = [.. idiomList];
        nets = [.. netList.OrderByDescending(n => n.Item2).ThenBy(n => n.Item3)];
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
        foreach (var (pattern, level, kind, language) in nets)
        {
            if (found is not null && (found.Level != level || found.Kind != kind))
            {
                break;
            }

            if (scan.Find(pattern) is not null)
            {
                found ??= new CrisisSignal(level, kind, language);
                languages.Add(language);
            }
        }

        // "ik denk aan suicide" fits both languages' patterns: the reply goes in the language the rest is written in.
        return found is not null && languages.Count > 1 ? found with { Language = guess.Of(utterance, languages) } : found;
    }

    /// <summary>Why the crisis patterns in <paramref name="content"/> cannot be compiled, per language (for lint-dialogs).</summary>
    public static IEnumerable<(string Language, string Problem)> Problems(DialogContent content)
    {
        foreach (var language in content.Languages)
        {
            var crisis = content[language].Crisis;
            var builder = new WordPatterns.Builder();
            var all = crisis.Not.Concat(crisis.Possible).Concat(crisis.Clear.Values.SelectMany(p => p));
            foreach (var pattern in all)
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

            foreach (var kind in crisis.Clear.Keys.Where(k => KindOf(k) is null))
            {
                yield return (language, $"unknown kind '{kind}' (suicide, selfharm, medical, violence)");
            }
        }
    }

    private static CrisisKind? KindOf(string key) =>
        Enum.GetValues<CrisisKind>().Cast<CrisisKind?>().FirstOrDefault(k => CrisisSignal.KeyOf(k!.Value) == key);
}
