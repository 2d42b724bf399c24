using System.Collections.Frozen;
using System.Text.RegularExpressions;
using YamlDotNet.Serialization;

namespace MobilityMentoring.Bot.Dialogs;

/// <summary>
/// What the bot says and understands, loaded from dialogs/{language}/*.yaml. No client-facing sentence lives in C#.
/// </summary>
public sealed partial class DialogContent
{
    public const string DefaultLanguage = "nl";

    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> messages;
    private readonly FrozenDictionary<string, FrozenDictionary<string, string[]>> keywords;

    public DialogContent(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> messages,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string[]>> keywords)
    {
        this.messages = messages.ToFrozenDictionary(l => l.Key, l => l.Value.ToFrozenDictionary());
        this.keywords = keywords.ToFrozenDictionary(l => l.Key, l => l.Value.ToFrozenDictionary());
    }

    public IEnumerable<string> Languages => messages.Keys;

    public IReadOnlyDictionary<string, string> MessagesOf(string language) => messages[language];

    /// <summary>The message <paramref name="key"/> in <paramref name="language"/> (Dutch if unknown), placeholders filled.</summary>
    public string Render(string? language, string key, IReadOnlyDictionary<string, string>? arguments = null)
    {
        var texts = messages.GetValueOrDefault(language ?? DefaultLanguage) ?? messages[DefaultLanguage];
        if (!texts.TryGetValue(key, out var template) && !messages[DefaultLanguage].TryGetValue(key, out template))
        {
            throw new KeyNotFoundException($"dialogs/: no message '{key}'");
        }

        var text = Placeholder().Replace(template, m => arguments?.GetValueOrDefault(m.Groups[1].Value) ?? "");

        // An empty placeholder must not leave "je mentor  leest" or "mentor ." behind.
        return SpaceBeforePunctuation().Replace(DoubleSpace().Replace(text, " "), "$1").Trim();
    }

    /// <summary>The words for <paramref name="intent"/> in every language: commands like STOP work whatever the client's language.</summary>
    public IEnumerable<string> KeywordsInAnyLanguage(string intent) =>
        keywords.Values.SelectMany(k => k.GetValueOrDefault(intent) ?? []);

    public static DialogContent Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Dialog content folder not found: {directory} (setting Dialogs:Directory)");
        }

        var yaml = new DeserializerBuilder().Build();
        var messages = new Dictionary<string, IReadOnlyDictionary<string, string>>();
        var keywords = new Dictionary<string, IReadOnlyDictionary<string, string[]>>();
        foreach (var languageDirectory in Directory.GetDirectories(directory))
        {
            var language = Path.GetFileName(languageDirectory);
            messages[language] = ReadYaml<Dictionary<string, string>>(yaml, Path.Combine(languageDirectory, "messages.yaml"));
            keywords[language] = ReadYaml<Dictionary<string, string[]>>(yaml, Path.Combine(languageDirectory, "keywords.yaml"));
        }

        if (!messages.ContainsKey(DefaultLanguage))
        {
            throw new InvalidOperationException($"Dialog content needs the default language folder {DefaultLanguage}/ in {directory}");
        }

        return new DialogContent(messages, keywords);
    }

    private static T ReadYaml<T>(IDeserializer yaml, string path) where T : new() =>
        File.Exists(path) ? yaml.Deserialize<T>(File.ReadAllText(path)) ?? new T() : new T();

    [GeneratedRegex(" {2,}")]
    private static partial Regex DoubleSpace();

    [GeneratedRegex(" ([.,!?:;])")]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@"\{([a-zA-Z][a-zA-Z0-9_]*)\}")]
    internal static partial Regex Placeholder();
}
