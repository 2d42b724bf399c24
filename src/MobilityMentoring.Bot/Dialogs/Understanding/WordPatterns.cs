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
public sealed class WordPatterns
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

    /// <summary>A message read against the patterns. Words can be masked: a masked word fits no element.</summary>
    public sealed class Scan
    {
        private readonly WordPatterns set;
        private readonly Utterance utterance;
        private readonly ulong[] bits;
        private readonly int words;
        private readonly bool[] masked;

        /// <summary>Every slot some word of the message fits: most patterns are ruled out by this alone.</summary>
        private readonly ulong[] present;

        internal Scan(WordPatterns set, Utterance utterance)
        {
            this.set = set;
            this.utterance = utterance;
            words = (set.slotCount + 63) / 64;
            var count = utterance.Tokens.Count;
            bits = new ulong[Math.Max(1, count * words)];
            present = new ulong[words];
            masked = new bool[count];
            for (var t = 0; t < count; t++)
            {
                var own = bits.AsSpan(t * words, words);
                set.MarkSlots(utterance.Tokens[t], own);
                for (var w = 0; w < words; w++)
                {
                    present[w] |= own[w];
                }
            }
        }

        /// <summary>Where pattern <paramref name="pattern"/> first fits: the words from Start up to (not including) End.</summary>
        public (int Start, int End)? Find(int pattern)
        {
            foreach (var slot in set.required[pattern])
            {
                if ((present[slot >> 6] & (1UL << (slot & 63))) == 0)
                {
                    return null;
                }
            }

            var elements = set.patterns[pattern];
            for (var start = 0; start < masked.Length; start++)
            {
                if (MatchFrom(elements, 0, start) is { } end)
                {
                    return (start, end);
                }
            }

            return null;
        }

        /// <summary>Masks every place where <paramref name="pattern"/> fits (an idiom's words then count for nothing else).</summary>
        public void MaskAll(int pattern)
        {
            while (Find(pattern) is var (start, end))
            {
                for (var t = start; t < end; t++)
                {
                    masked[t] = true;
                }
            }
        }

        private int? MatchFrom(Element[] elements, int e, int t)
        {
            if (e == elements.Length)
            {
                return t;
            }

            var element = elements[e];
            switch (element.Kind)
            {
                case ElementKind.End:
                    return t > 0 && utterance.EndsClause(t - 1) ? MatchFrom(elements, e + 1, t) : null;

                case ElementKind.Gap:
                    for (var skip = 0; skip <= element.Value && t + skip <= masked.Length; skip++)
                    {
                        if (skip > 0 && masked[t + skip - 1])
                        {
                            return null;
                        }

                        if (MatchFrom(elements, e + 1, t + skip) is { } end)
                        {
                            return end;
                        }
                    }

                    return null;

                default:
                    return t < masked.Length && Fits(t, element.Value) ? MatchFrom(elements, e + 1, t + 1) : null;
            }
        }

        private bool Fits(int token, int slot) => !masked[token] && (bits[token * words + (slot >> 6)] & (1UL << (slot & 63))) != 0;
    }

    internal enum ElementKind { Slot, Gap, End }

    /// <summary>A word element (Value: its slot), a gap (Value: how many words at most) or the end of a sentence.</summary>
    internal readonly record struct Element(ElementKind Kind, int Value);

    /// <summary>Collects patterns; <see cref="Add"/> says what is wrong with one that cannot be read.</summary>
    public sealed class Builder
    {
        internal List<Element[]> Patterns { get; } = [];
        internal Dictionary<string, int> Slots { get; } = new(StringComparer.Ordinal);
        internal Dictionary<string, List<int>> Exact { get; } = new(StringComparer.Ordinal);
        internal Dictionary<string, List<(string, int)>> TypoIndex { get; } = new(StringComparer.Ordinal);
        internal List<(string, int, bool)> Prefixes { get; } = [];
        internal HashSet<string> RealWords { get; } = new(StringComparer.Ordinal);

        /// <summary>Words that are read only as themselves, never as a typo of a pattern's word.</summary>
        public void AddRealWords(IEnumerable<string> words) =>
            RealWords.UnionWith(words.Select(w => (Utterance.Tokenize(w).FirstOrDefault() ?? "") + (w.EndsWith('*') ? "*" : "")).Where(w => w.Trim('*').Length > 0));
        internal List<(string, int)> Suffixes { get; } = [];

        /// <summary>
        /// Adds <paramref name="pattern"/>; its <c>@group</c> words come from <paramref name="groups"/>. A part in
        /// brackets offers whole phrases: <c>"want (it all|everything) to stop"</c> is two patterns. Returns their numbers.
        /// </summary>
        /// <exception cref="FormatException">The pattern cannot be read; the message says why.</exception>
        public IReadOnlyList<int> Add(string pattern, IReadOnlyDictionary<string, string[]> groups) =>
            [.. Expand(pattern).Select(p => AddOne(p, groups, pattern))];

        public WordPatterns Build() => new(this);

        /// <summary>"a (b c|d) e" → "a b c e", "a d e".</summary>
        private static IEnumerable<string> Expand(string pattern)
        {
            var open = pattern.IndexOf('(', StringComparison.Ordinal);
            if (open < 0)
            {
                if (pattern.Contains(')', StringComparison.Ordinal))
                {
                    throw new FormatException($"'{pattern}': a ) without its (");
                }

                return [pattern];
            }

            var close = pattern.IndexOf(')', open);
            if (close < 0 || pattern.IndexOf('(', open + 1) is var nested && nested >= 0 && nested < close)
            {
                throw new FormatException($"'{pattern}': brackets must close, and not hold other brackets");
            }

            return pattern[(open + 1)..close].Split('|')
                .SelectMany(choice => Expand(pattern[..open] + " " + choice + " " + pattern[(close + 1)..]));
        }

        private int AddOne(string pattern, IReadOnlyDictionary<string, string[]> groups, string written)
        {
            var parts = pattern.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0 || parts[0] is ".." or "..." or "$" || parts[^1] is ".." or "...")
            {
                throw new FormatException($"'{written}': a pattern starts and ends with a word");
            }

            var elements = parts.Select(part => part switch
            {
                ".." => new Element(ElementKind.Gap, GapWords),
                "..." => new Element(ElementKind.Gap, LongGapWords),
                "$" => new Element(ElementKind.End, 0),
                _ => new Element(ElementKind.Slot, SlotFor(part, groups, written)),
            }).ToArray();
            Patterns.Add(elements);
            return Patterns.Count - 1;
        }

        private int SlotFor(string part, IReadOnlyDictionary<string, string[]> groups, string pattern)
        {
            var forms = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var alternative in part.Split('|'))
            {
                if (alternative.StartsWith('@'))
                {
                    if (!groups.TryGetValue(alternative[1..], out var members))
                    {
                        throw new FormatException($"'{pattern}': no word group '{alternative}'");
                    }

                    forms.UnionWith(members.Select(m => Form(m, pattern)));
                }
                else
                {
                    forms.Add(Form(alternative, pattern));
                }
            }

            var key = string.Join('|', forms);
            if (Slots.TryGetValue(key, out var slot))
            {
                return slot;
            }

            slot = Slots.Count;
            Slots[key] = slot;
            foreach (var form in forms)
            {
                Register(form, slot);
            }

            return slot;
        }

        /// <summary>A form as messages are read (lower case, no accents), keeping a leading or trailing *.</summary>
        private static string Form(string written, string pattern)
        {
            if (written is "#" or "##")
            {
                return written;
            }

            var typos = written.StartsWith('~');
            written = written.TrimStart('~');
            var prefix = written.EndsWith('*');
            var suffix = written.StartsWith('*');
            var words = Utterance.Tokenize(written.Trim('*'));
            if (words.Length != 1 || (prefix && suffix))
            {
                throw new FormatException($"'{pattern}': '{written}' is not one word (write words apart with spaces, alternatives with |)");
            }

            if (typos && (suffix || words[0].Length < TypoFromLength))
            {
                throw new FormatException($"'{pattern}': ~ (one typo allowed) is for words of {TypoFromLength} letters or more, not '{written}'");
            }

            return (typos ? "~" : "") + (suffix ? "*" : "") + words[0] + (prefix ? "*" : "");
        }

        private void Register(string form, int slot)
        {
            var typos = form.StartsWith('~');
            form = form.TrimStart('~');
            if (form.EndsWith('*'))
            {
                Prefixes.Add((form[..^1], slot, typos));
                return;
            }

            if (form.StartsWith('*'))
            {
                Suffixes.Add((form[1..], slot));
                return;
            }

            foreach (var spelled in form.Contains("ij", StringComparison.Ordinal) ? [form, form.Replace("ij", "y", StringComparison.Ordinal)] : new[] { form })
            {
                Add(Exact, spelled, slot);
                if (typos && spelled.Length >= TypoFromLength)
                {
                    AddTypoKeys(spelled, slot);
                }
            }
        }

        private void AddTypoKeys(string form, int slot)
        {
            Add(TypoIndex, form, (form, slot));
            for (var drop = 0; drop < form.Length; drop++)
            {
                Add(TypoIndex, form.Remove(drop, 1), (form, slot));
            }
        }

        private static void Add<T>(Dictionary<string, List<T>> map, string key, T value)
        {
            if (!map.TryGetValue(key, out var list))
            {
                map[key] = list = [];
            }

            list.Add(value);
        }
    }
}
