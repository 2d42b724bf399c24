namespace MobilityMentoring.Bot.Dialogs.Understanding;

public sealed partial class WordPatterns
{
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

        /// <summary>
        /// Where pattern <paramref name="pattern"/> first fits: the words from Start up to (not including) End. With
        /// <paramref name="inOneSentence"/> its gaps do not run past the end of a sentence.
        /// </summary>
        public (int Start, int End)? Find(int pattern, bool inOneSentence = false)
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
                if (MatchFrom(elements, 0, start, inOneSentence) is { } end)
                {
                    return (start, end);
                }
            }

            return null;
        }

        /// <summary>
        /// Masks every place where <paramref name="pattern"/> fits within one sentence (an idiom's words then count for
        /// nothing else; "I'm not ok. I want to die" is not the idiom "not .. want to die").
        /// </summary>
        public void MaskAll(int pattern)
        {
            while (Find(pattern, inOneSentence: true) is var (start, end))
            {
                for (var t = start; t < end; t++)
                {
                    masked[t] = true;
                }
            }
        }

        private int? MatchFrom(Element[] elements, int e, int t, bool inOneSentence)
        {
            if (e == elements.Length)
            {
                return t;
            }

            var element = elements[e];
            switch (element.Kind)
            {
                case ElementKind.End:
                    return t > 0 && utterance.EndsClause(t - 1) ? MatchFrom(elements, e + 1, t, inOneSentence) : null;

                case ElementKind.Gap:
                    for (var skip = 0; skip <= element.Value && t + skip <= masked.Length; skip++)
                    {
                        if (skip > 0 && (masked[t + skip - 1] || (inOneSentence && t + skip - 2 >= 0 && utterance.EndsClause(t + skip - 2))))
                        {
                            return null;
                        }

                        if (MatchFrom(elements, e + 1, t + skip, inOneSentence) is { } end)
                        {
                            return end;
                        }
                    }

                    return null;

                default:
                    return t < masked.Length && Fits(t, element.Value) && !(inOneSentence && t > 0 && e > 0 && elements[e - 1].Kind != ElementKind.End && utterance.EndsClause(t - 1))
                        ? MatchFrom(elements, e + 1, t + 1, inOneSentence)
                        : null;
            }
        }

        private bool Fits(int token, int slot) => !masked[token] && (bits[token * words + (slot >> 6)] & (1UL << (slot & 63))) != 0;
    }
}
