using System.Collections.Frozen;
using System.Text.RegularExpressions;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Dialogs.Safety;
using MobilityMentoring.Bot.Dialogs.Understanding;

namespace MobilityMentoring.Bot.Dialogs;

/// <summary>
/// What the bot says and understands, loaded from dialogs/ (see <see cref="DialogContentLoader"/>). No client-facing
/// sentence lives in C#.
/// </summary>
public sealed partial class DialogContent
{
    public const string DefaultLanguage = "nl";

    private readonly FrozenDictionary<string, LanguageContent> languages;

    public DialogContent(IReadOnlyDictionary<string, LanguageContent> languages, IReadOnlyDictionary<string, int> placeholderLimits)
    {
        if (!languages.ContainsKey(DefaultLanguage))
        {
            throw new InvalidOperationException($"Dialog content needs the default language {DefaultLanguage}.");
        }

        this.languages = languages.ToFrozenDictionary();
        PlaceholderLimits = placeholderLimits.ToFrozenDictionary();
        Spelling = ChatSpelling.From(this.languages.Values.Select(l => l.Spelling));
    }

    /// <summary>Chat spelling of every language ("mn" is "mijn"): how the answers and the crisis net read a message.</summary>
    public ChatSpelling Spelling { get; }

    /// <summary><paramref name="text"/> read for meaning, chat spelling included.</summary>
    public Utterance Read(string? text) => Utterance.Read(text, Spelling);

    public IEnumerable<string> Languages => languages.Keys;

    /// <summary>The longest value each placeholder may hold; longer values are shortened when rendered.</summary>
    public FrozenDictionary<string, int> PlaceholderLimits { get; }

    public LanguageContent this[string language] => languages[language];

    /// <summary>The language to use for a client: theirs when the content has it, else Dutch.</summary>
    public string LanguageOrDefault(string? language) =>
        language is not null && languages.ContainsKey(language) ? language : DefaultLanguage;

    public IReadOnlyDictionary<string, string> MessagesOf(string language) => languages[language].Messages;

    public bool HasMessage(string? language, string key) => languages[LanguageOrDefault(language)].Messages.ContainsKey(key);

    /// <summary>
    /// The message <paramref name="key"/> in <paramref name="language"/> (Dutch if unknown), placeholders filled.
    /// Values longer than their limit are shortened, and a client's own words are shortened further when the
    /// message would otherwise not fit one SMS (an emoji or ë in them halves the room).
    /// </summary>
    public string Render(string? language, string key, IReadOnlyDictionary<string, string>? arguments = null)
    {
        var texts = languages[LanguageOrDefault(language)].Messages;
        if (!texts.TryGetValue(key, out var template) && !languages[DefaultLanguage].Messages.TryGetValue(key, out template))
        {
            throw new KeyNotFoundException($"dialogs/: no message '{key}'");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in arguments ?? FrozenDictionary<string, string>.Empty)
        {
            values[name] = PlaceholderLimits.TryGetValue(name, out var limit) ? Shorten(value, limit) : value;
        }

        var text = Fill(template, values);
        for (var attempt = 0; attempt < 40 && SmsSegments.Count(text).Segments > 1; attempt++)
        {
            var longest = values.MaxBy(v => v.Value.Length);
            if (longest.Value is not { Length: > 8 })
            {
                break;
            }

            values[longest.Key] = Shorten(longest.Value, longest.Value.Length - 4);
            text = Fill(template, values);
        }

        return text;
    }

    /// <summary>The words for <paramref name="intent"/> in every language: commands like STOP work whatever the client's language.</summary>
    public IEnumerable<string> KeywordsInAnyLanguage(string intent) =>
        languages.Values.SelectMany(l => l.Keywords.GetValueOrDefault(intent) ?? []);

    /// <summary>The phrases for <paramref name="intent"/> in every language, the client's own first.</summary>
    public IEnumerable<string> PhrasesInAnyLanguage(string intent) =>
        languages.Values.SelectMany(l => l.Intents.GetValueOrDefault(intent) ?? []);

    private static string Fill(string template, IReadOnlyDictionary<string, string> values)
    {
        var text = Placeholder().Replace(template, m => values.GetValueOrDefault(m.Groups[1].Value) ?? "");

        // An empty placeholder must not leave "je mentor  leest" or "mentor ." behind.
        return SpaceBeforePunctuation().Replace(DoubleSpace().Replace(text, " "), "$1").Trim();
    }

    private static string Shorten(string value, int limit)
    {
        value = value.Trim();
        return value.Length <= limit ? value : value[..Math.Max(0, limit - 3)].TrimEnd() + "...";
    }

    [GeneratedRegex(" {2,}")]
    private static partial Regex DoubleSpace();

    [GeneratedRegex(" ([.,!?:;])")]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@"\{([a-zA-Z][a-zA-Z0-9_.]*)\}")]
    internal static partial Regex Placeholder();
}

/// <summary>One language folder: messages by key, command words, the phrases behind each intent, chat spelling, the crisis net.</summary>
public sealed record LanguageContent(
    IReadOnlyDictionary<string, string> Messages,
    IReadOnlyDictionary<string, string[]> Keywords,
    IReadOnlyDictionary<string, string[]> Intents,
    IReadOnlyList<string> BlockedWords)
{
    /// <summary>Chat spelling: <c>word: [how it is typed]</c>.</summary>
    public IReadOnlyDictionary<string, string[]> Spelling { get; init; } = new Dictionary<string, string[]>();

    public CrisisContent Crisis { get; init; } = new();
}
