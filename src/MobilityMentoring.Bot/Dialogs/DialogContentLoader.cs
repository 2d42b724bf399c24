using MobilityMentoring.Bot.Dialogs.Safety;
using YamlDotNet.Serialization;

namespace MobilityMentoring.Bot.Dialogs;

/// <summary>
/// Reads dialogs/: one folder per language (messages.yaml, keywords.yaml, intents.yaml, spelling.yaml, crisis.yaml),
/// placeholders.yaml with the longest value of each placeholder, and lint.yaml with the words no message may use.
/// </summary>
public static class DialogContentLoader
{
    public static DialogContent Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Dialog content folder not found: {directory} (setting Dialogs:Directory)");
        }

        var yaml = new DeserializerBuilder().Build();
        var lint = Read<LintFile>(yaml, Path.Combine(directory, "lint.yaml"));
        var languages = new Dictionary<string, LanguageContent>();
        foreach (var folder in Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
        {
            var language = Path.GetFileName(folder);
            languages[language] = new LanguageContent(
                Read<Dictionary<string, string>>(yaml, Path.Combine(folder, "messages.yaml")),
                Read<Dictionary<string, string[]>>(yaml, Path.Combine(folder, "keywords.yaml")),
                Read<Dictionary<string, string[]>>(yaml, Path.Combine(folder, "intents.yaml")),
                lint.Blocked.GetValueOrDefault(language) ?? [])
            {
                Spelling = Read<Dictionary<string, string[]>>(yaml, Path.Combine(folder, "spelling.yaml")),
                Crisis = Read<CrisisContent>(yaml, Path.Combine(folder, "crisis.yaml")),
            };
        }

        if (!languages.ContainsKey(DialogContent.DefaultLanguage))
        {
            throw new InvalidOperationException($"Dialog content needs the default language folder {DialogContent.DefaultLanguage}/ in {directory}");
        }

        return new DialogContent(languages, Read<Dictionary<string, int>>(yaml, Path.Combine(directory, "placeholders.yaml")));
    }

    private static T Read<T>(IDeserializer yaml, string path) where T : new()
    {
        try
        {
            return File.Exists(path) ? yaml.Deserialize<T>(File.ReadAllText(path)) ?? new T() : new T();
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new InvalidOperationException($"dialogs/: {path} line {e.Start.Line}: {e.Message}", e);
        }
    }

    private sealed class LintFile
    {
        [YamlMember(Alias = "blocked")]
        public Dictionary<string, string[]> Blocked { get; set; } = [];
    }
}
