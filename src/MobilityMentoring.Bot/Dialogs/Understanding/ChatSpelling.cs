using System.Collections.Frozen;

namespace MobilityMentoring.Bot.Dialogs.Understanding;

/// <summary>
/// How people write words in a chat, read as the words they stand for: "mn" → "mijn", "nie" → "niet", "dont" → "do
/// not", "kms" → "kill myself", and split compounds "mij zelf" → "mijzelf", "zelf moord" → "zelfmoord". From
/// dialogs/{language}/spelling.yaml, every language at once (the answers and the crisis net read a message the same
/// way, whatever the client's language).
/// </summary>
public sealed class ChatSpelling
{
    public static ChatSpelling None { get; } = new(FrozenDictionary<string, Variant[]>.Empty);

    /// <summary>Variants by their first word, longest first.</summary>
    private readonly FrozenDictionary<string, Variant[]> variants;

    private ChatSpelling(FrozenDictionary<string, Variant[]> variants) => this.variants = variants;

    /// <summary>From <c>word: [how it is typed, …]</c> tables; the word may be several ("do not: [dont]"), and so may a variant.</summary>
    public static ChatSpelling From(IEnumerable<IReadOnlyDictionary<string, string[]>> tables)
    {
        var all = new List<Variant>();
        foreach (var table in tables)
        {
            foreach (var (word, typed) in table)
            {
                var meant = Utterance.Tokenize(word);
                all.AddRange(typed.Select(Utterance.Tokenize).Where(v => v.Length > 0 && !v.SequenceEqual(meant)).Select(v => new Variant(v, meant)));
            }
        }

        return new ChatSpelling(all
            .DistinctBy(v => string.Join(' ', v.Typed))
            .GroupBy(v => v.Typed[0], StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(v => v.Typed.Length).ToArray(), StringComparer.Ordinal));
    }

    /// <summary>What the one word <paramref name="typed"/> is read as, when it is chat spelling ("mn" → "mijn").</summary>
    public string? ReadAs(string typed) =>
        variants.TryGetValue(typed, out var candidates) && candidates.FirstOrDefault(v => v.Typed.Length == 1) is { } variant
            ? string.Join(' ', variant.Meant)
            : null;

    public (string[] Tokens, bool[] ClauseEnds) Apply(string[] tokens, bool[] clauseEnds)
    {
        if (variants.Count == 0 || !tokens.Any(variants.ContainsKey))
        {
            return (tokens, clauseEnds);
        }

        var read = new List<string>(tokens.Length + 4);
        var ends = new List<bool>(tokens.Length + 4);
        for (var i = 0; i < tokens.Length;)
        {
            var variant = variants.TryGetValue(tokens[i], out var candidates)
                ? candidates.FirstOrDefault(v => Fits(v.Typed, tokens, i))
                : null;
            if (variant is null)
            {
                read.Add(tokens[i]);
                ends.Add(clauseEnds[i]);
                i++;
                continue;
            }

            var last = i + variant.Typed.Length - 1;
            read.AddRange(variant.Meant);
            ends.AddRange(variant.Meant.Select((_, j) => j == variant.Meant.Length - 1 && clauseEnds[last]));
            i = last + 1;
        }

        return ([.. read], [.. ends]);
    }

    private static bool Fits(string[] typed, string[] tokens, int start)
    {
        if (start + typed.Length > tokens.Length)
        {
            return false;
        }

        for (var j = 0; j < typed.Length; j++)
        {
            if (tokens[start + j] != typed[j])
            {
                return false;
            }
        }

        return true;
    }

    private sealed record Variant(string[] Typed, string[] Meant);
}
