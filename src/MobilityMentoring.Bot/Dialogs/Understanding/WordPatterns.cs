using System.Collections.Frozen;

namespace MobilityMentoring.Bot.Dialogs.Understanding;

/// <summary>
/// Patterns over the words of a message, compiled once: <c>"@wil .. niet meer leven"</c>, <c>"zelfmoord*"</c>,
/// <c>"kan niet meer $"</c>. Elements, separated by spaces, match one word each, in order:
/// <list type="bullet">
/// <item><c>word</c> that word (a Dutch "ij" may be typed as "y"); <c>~word</c> also with one typo, for words of
/// <see cref="TypoFromLength"/> letters or more that are a signal on their own (~zelfmoord*: "zelfmoort")</item>
/// <item><c>word*</c> a word that starts so (zelfmoord, zelfmoordgedachten), <c>*word</c> a compound that ends so
/// (slaappillen, not pillen itself)</item>
/// <item><c>a|b|c</c> any of these; <c>@group</c> any word of a group (given per language)</item>
/// <item><c>(a b|c)</c> either phrase; <c>#</c> a number, <c>##</c> a number of 10 or more</item>
/// <item><c>..</c> up to <see cref="GapWords"/> other words in between, <c>...</c> up to <see cref="LongGapWords"/>;
/// <c>$</c> the end of the message or of a sentence</item>
/// </list>
/// A word masked by an idiom fits no element and no gap: "ik heb me [in mijn vinger] gesneden" is not "me .. gesneden".
/// </summary>
public sealed partial class WordPatterns
{
    public const int GapWords = 4;
    public const int LongGapWords = 8;
    public const int TypoFromLength = 6;

    private readonly Element[][] patterns;

    /// <summary>Per pattern, the slots that must all be somewhere in a message before it is worth looking where.</summary>
    private readonly int[][] required;
    private readonly int slotCount;
    private readonly FrozenDictionary<string, int[]> exact;
    private readonly FrozenDictionary<string, (string Form, int Slot)[]> typoIndex;
    private readonly (string Prefix, int Slot, bool Typos)[] prefixes;
    private readonly (string Suffix, int Slot)[] suffixes;
    private readonly FrozenSet<string> realWords;
    private readonly string[] realWordStarts;

    private WordPatterns(Builder builder)
    {
        realWords = builder.RealWords.Where(w => !w.EndsWith('*')).ToFrozenSet(StringComparer.Ordinal);
        realWordStarts = [.. builder.RealWords.Where(w => w.EndsWith('*')).Select(w => w[..^1])];
        patterns = [.. builder.Patterns];
        required = [.. patterns.Select(p => p.Where(e => e.Kind == ElementKind.Slot).Select(e => e.Value).Distinct().ToArray())];
        slotCount = builder.Slots.Count;
        exact = builder.Exact.ToFrozenDictionary(e => e.Key, e => e.Value.Distinct().ToArray(), StringComparer.Ordinal);
        typoIndex = builder.TypoIndex.ToFrozenDictionary(e => e.Key, e => e.Value.Distinct().ToArray(), StringComparer.Ordinal);
        prefixes = [.. builder.Prefixes.Distinct()];
        suffixes = [.. builder.Suffixes.Distinct()];
    }

    public int Count => patterns.Length;

    /// <summary>Which words of <paramref name="utterance"/> fit which pattern elements; then ask for patterns in it.</summary>
    public Scan Read(Utterance utterance) => new(this, utterance);

    /// <summary>The forms <paramref name="word"/> would be read as by a typo only (none when it fits a form as written).</summary>
    public IReadOnlyList<string> TypoReadings(string word)
    {
        var readings = new List<string>();
        var bits = new ulong[(slotCount + 63) / 64];
        MarkWritten(word, bits);
        if (bits.All(b => b == 0))
        {
            MarkTypos(word, bits, readings);
        }

        return readings;
    }

    private void MarkSlots(string token, Span<ulong> bits)
    {
        MarkWritten(token, bits);
        MarkTypos(token, bits, null);
    }

    private void MarkWritten(string token, Span<ulong> bits)
    {
        MarkExact(token, bits);
        if (token.Length > 0 && token.All(char.IsAsciiDigit))
        {
            MarkExact("#", bits);
            if (token.Length > 2 || (token.Length == 2 && token[0] != '0'))
            {
                MarkExact("##", bits);
            }
        }

        foreach (var (prefix, slot, _) in prefixes)
        {
            if (token.StartsWith(prefix, StringComparison.Ordinal))
            {
                Set(bits, slot);
            }
        }

        foreach (var (suffix, slot) in suffixes)
        {
            if (token.Length > suffix.Length && token.EndsWith(suffix, StringComparison.Ordinal))
            {
                Set(bits, slot);
            }
        }
    }

    private void MarkExact(string form, Span<ulong> bits)
    {
        if (exact.TryGetValue(form, out var slots))
        {
            foreach (var slot in slots)
            {
                Set(bits, slot);
            }
        }
    }

    /// <summary>
    /// One typo: the token and every form share a key once at most one letter is dropped from each. Real words
    /// (<c>realwords</c>: "gestopt" is not a typo of "gestompt") are read only as themselves.
    /// </summary>
    private void MarkTypos(string token, Span<ulong> bits, List<string>? readings)
    {
        if (token.Length < TypoFromLength - 1 || realWords.Contains(token) || IsRealWordStart(token))
        {
            return;
        }

        foreach (var (prefix, slot, typos) in prefixes)
        {
            if (typos && token.Length >= prefix.Length - 1
                && !token.StartsWith(prefix, StringComparison.Ordinal) && IsTypoOfPrefix(token, prefix))
            {
                Set(bits, slot);
                readings?.Add(prefix + "*");
            }
        }

        var lookup = typoIndex.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> buffer = stackalloc char[Math.Min(token.Length, 64)];
        if (token.Length > buffer.Length)
        {
            return;
        }

        for (var drop = -1; drop < token.Length; drop++)
        {
            scoped ReadOnlySpan<char> key = token;
            if (drop >= 0)
            {
                token.AsSpan(0, drop).CopyTo(buffer);
                token.AsSpan(drop + 1).CopyTo(buffer[drop..]);
                key = buffer[..(token.Length - 1)];
            }

            if (lookup.TryGetValue(key, out var candidates))
            {
                foreach (var (form, slot) in candidates)
                {
                    if (PhraseMatcher.IsOneTypoApart(token, form))
                    {
                        Set(bits, slot);
                        readings?.Add(form);
                    }
                }
            }
        }
    }

    private bool IsRealWordStart(string token)
    {
        foreach (var start in realWordStarts)
        {
            if (token.StartsWith(start, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsTypoOfPrefix(string token, string prefix)
    {
        for (var length = prefix.Length - 1; length <= prefix.Length + 1 && length <= token.Length; length++)
        {
            if (PhraseMatcher.IsOneTypoApart(token[..length], prefix))
            {
                return true;
            }
        }

        return false;
    }

    private static void Set(Span<ulong> bits, int slot) => bits[slot >> 6] |= 1UL << (slot & 63);

    internal enum ElementKind { Slot, Gap, End }

    /// <summary>A word element (Value: its slot), a gap (Value: how many words at most) or the end of a sentence.</summary>
    internal readonly record struct Element(ElementKind Kind, int Value);
}
