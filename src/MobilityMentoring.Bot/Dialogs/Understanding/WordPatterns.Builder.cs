namespace MobilityMentoring.Bot.Dialogs.Understanding;

public sealed partial class WordPatterns
{
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
