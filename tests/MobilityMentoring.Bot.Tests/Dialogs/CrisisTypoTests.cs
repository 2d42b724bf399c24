using MobilityMentoring.Bot.Dialogs.Understanding;
using Xunit.Abstractions;

namespace MobilityMentoring.Bot.Tests.Dialogs;

/// <summary>
/// The crisis net forgives one typo in long words ("zelfmoort"), so a real word one letter from a crisis word would
/// raise an alarm ("gestopt" is one letter from "gestompt"). Every word in Debian's Dutch and English word lists
/// (wdutch, wamerican; tests/ensure-wordlists.sh installs them) that the net reads as a crisis word must be listed
/// under realwords in dialogs/*/crisis.yaml, where it is read only as itself.
/// </summary>
public sealed class CrisisTypoTests(ITestOutputHelper output)
{
    private static readonly string[] WordLists = ["/usr/share/dict/dutch", "/usr/share/dict/american-english"];

    [Fact]
    public void No_real_word_is_read_as_a_typo_of_a_crisis_word()
    {
        var missing = WordLists.Where(l => !File.Exists(l)).ToArray();
        Assert.True(missing.Length == 0, $"word lists missing: {string.Join(", ", missing)} (bash tests/ensure-wordlists.sh)");

        var confusable = WordLists.SelectMany(File.ReadLines)
            .Select(Utterance.Tokenize).Where(t => t.Length == 1).Select(t => t[0]).Distinct(StringComparer.Ordinal)
            .Select(word => (Word: word, Readings: ShippedContent.Crisis.TypoReadings(word)))
            .Where(w => w.Readings.Count > 0)
            .OrderBy(w => w.Word, StringComparer.Ordinal)
            .ToList();
        foreach (var (word, readings) in confusable)
        {
            output.WriteLine($"{word} → {string.Join(", ", readings.Distinct())}");
        }

        Assert.True(confusable.Count == 0, $"{confusable.Count} real words read as crisis words; add them to realwords (see output)");
    }
}
