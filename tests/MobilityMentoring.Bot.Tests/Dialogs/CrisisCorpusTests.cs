using System.Globalization;
using System.Text;
using MobilityMentoring.Bot.Dialogs.Safety;
using MobilityMentoring.Bot.Tests.Dialogs.Corpus;
using Xunit.Abstractions;

namespace MobilityMentoring.Bot.Tests.Dialogs;

/// <summary>
/// The crisis net measured on labelled texts written for this project (Dialogs/Corpus): crisis texts per kind, and
/// ordinary messages from coaching conversations (idioms, pain, illness, debt, tiredness). A clear crisis counts as
/// found only when the net answers it as clear; a possible one when it answers at all; an ordinary message that gets
/// any answer is a false alarm.
/// </summary>
public sealed class CrisisCorpusTests(ITestOutputHelper output)
{
    public const double MinimumClearRecall = 0.98;
    public const double MaximumFalseAlarms = 0.01;

    /// <summary>A possible crisis must at least get the gentle question (README states 97.4 % on the main corpus).</summary>
    public const double MinimumPossibleRecall = 0.95;

    [Fact]
    public void Clear_crises_are_found_and_ordinary_messages_raise_no_alarm()
    {
        var score = CrisisScore.Of(
            LabelledCorpus.Read("crisis-texts.tsv", 3).Concat(LabelledCorpus.Read("ordinary-texts.tsv", 3)), ShippedContent.Crisis);
        output.WriteLine(score.Report());

        Assert.True(score.ClearRecall >= MinimumClearRecall, $"clear crisis recall {score.ClearRecall:P1}, below {MinimumClearRecall:P0}");
        Assert.True(score.FalseAlarmRate <= MaximumFalseAlarms, $"false alarms {score.FalseAlarmRate:P1}, above {MaximumFalseAlarms:P0}");
        Assert.True(score.PossibleRecall >= MinimumPossibleRecall, $"possible crisis recall {score.PossibleRecall:P1}, below {MinimumPossibleRecall:P0}");
    }

    /// <summary>
    /// Each written apart from the patterns, by someone who never saw them, and run once for an honest figure (README);
    /// their misses then widened the net, so now they guard it against going back.
    /// </summary>
    [Theory]
    [InlineData("crisis-holdout.tsv")]
    [InlineData("crisis-holdout-2.tsv")]
    [InlineData("crisis-holdout-3.tsv")]
    [InlineData("crisis-holdout-4.tsv")]
    [InlineData("crisis-holdout-5.tsv")]
    public void The_held_out_texts_meet_the_same_bar(string file)
    {
        var score = CrisisScore.Of(LabelledCorpus.Read(file, 3), ShippedContent.Crisis);
        output.WriteLine(score.Report());

        Assert.True(score.ClearRecall >= MinimumClearRecall, $"clear crisis recall {score.ClearRecall:P1}, below {MinimumClearRecall:P0}");
        Assert.True(score.FalseAlarmRate <= MaximumFalseAlarms, $"false alarms {score.FalseAlarmRate:P1}, above {MaximumFalseAlarms:P0}");
    }
}

/// <summary>Recall per kind, false alarms, and the texts behind every miss.</summary>
internal sealed class CrisisScore
{
    private static readonly string[] Labels = ["suicide", "selfharm", "medical", "violence", "possible", "none"];

    private readonly Dictionary<string, (int Total, int Found, int RightKind)> perLabel = Labels.ToDictionary(l => l, _ => (0, 0, 0));
    private readonly List<string> misses = [];

    public double ClearRecall => Ratio(Labels[..4], c => c.Found);
    public double PossibleRecall => Ratio(["possible"], c => c.Found);

    public double FalseAlarmRate => perLabel["none"].Total == 0 ? 0 : (double)perLabel["none"].Found / perLabel["none"].Total;

    public static CrisisScore Of(IEnumerable<string[]> rows, CrisisNet net)
    {
        var score = new CrisisScore();
        foreach (var row in rows)
        {
            var (language, label, text) = (row[0], row[1], row[2]);
            if (!score.perLabel.TryGetValue(label, out var counts))
            {
                throw new FormatException($"unknown label '{label}' for: {text}");
            }

            var signal = net.Detect(text);
            var found = label switch
            {
                "none" or "possible" => signal is not null,
                _ => signal is { Level: CrisisLevel.Clear },
            };
            var rightKind = signal is { Level: CrisisLevel.Clear } && CrisisSignal.KeyOf(signal.Kind) == label;
            var (total, hits, right) = counts;
            score.perLabel[label] = (total + 1, hits + (found ? 1 : 0), right + (rightKind ? 1 : 0));
            if (found == (label == "none"))
            {
                score.misses.Add($"  {(label == "none" ? "false alarm" : "missed")} [{language} {label} → {Describe(signal)}] {text}");
            }
        }

        return score;
    }

    public string Report()
    {
        var report = new StringBuilder();
        foreach (var label in Labels[..5])
        {
            var (total, found, right) = perLabel[label];
            var kind = label == "possible" ? "" : $", answered as this kind {right}/{total}";
            report.AppendLine(CultureInfo.InvariantCulture, $"{label,-9} recall {Percent(found, total),7} ({found}/{total}){kind}");
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"clear crises recall {ClearRecall:P1}");
        var none = perLabel["none"];
        report.AppendLine(CultureInfo.InvariantCulture, $"false alarms {Percent(none.Found, none.Total)} ({none.Found}/{none.Total} ordinary messages)");
        foreach (var miss in misses)
        {
            report.AppendLine(miss);
        }

        return report.ToString();
    }

    private double Ratio(string[] labels, Func<(int Total, int Found, int RightKind), int> count)
    {
        var total = labels.Sum(l => perLabel[l].Total);
        return total == 0 ? 1 : (double)labels.Sum(l => count(perLabel[l])) / total;
    }

    private static string Percent(int part, int total) =>
        total == 0 ? "-" : ((double)part / total).ToString("P1", CultureInfo.InvariantCulture);

    private static string Describe(CrisisSignal? signal) =>
        signal is null ? "nothing" : signal.Level == CrisisLevel.Possible ? "possible" : CrisisSignal.KeyOf(signal.Kind);
}
