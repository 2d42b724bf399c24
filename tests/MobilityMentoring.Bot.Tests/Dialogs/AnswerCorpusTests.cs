using System.Globalization;
using System.Text;
using MobilityMentoring.Bot.Dialogs.Understanding;
using MobilityMentoring.Bot.Tests.Dialogs.Corpus;
using Xunit.Abstractions;

namespace MobilityMentoring.Bot.Tests.Dialogs;

/// <summary>
/// How well the bot understands replies to each of its questions, measured on labelled replies written for this
/// project (Dialogs/Corpus/answers.tsv: chat spelling, typos, emoji, padding, numbers in words). "none" means the
/// reply is no answer (a greeting, thanks, "?") and must not be taken for one.
/// </summary>
public sealed class AnswerCorpusTests(ITestOutputHelper output)
{
    public const double MinimumAccuracy = 0.97;

    /// <summary>The mentor the corpus's questions name.</summary>
    private const string Mentor = "Sanne";

    /// <summary>Wednesday: the corpus's relative days count from here.</summary>
    private static readonly DateOnly Today = new(2026, 12, 2);

    private static readonly Dictionary<string, string[]> Choices = new(StringComparer.Ordinal)
    {
        ["part"] = ["morning", "afternoon", "evening"],
        ["pillar"] = ["pillar.family", "pillar.wellbeing", "pillar.money", "pillar.learning", "pillar.work"],
        ["confirm"] = ["yes", "no"],
        ["checkin"] = ["done", "notyet", "help"],
        ["notyet"] = ["retry.sameday", "retry.smaller", "retry.mentor"],
    };

    /// <summary>answers.tsv shaped the intents; answers-holdout.tsv was written apart from them, by someone who never saw them.</summary>
    [Theory]
    [InlineData("answers.tsv")]
    [InlineData("answers-holdout.tsv")]
    public void Every_question_understands_at_least_97_percent_of_the_replies(string file)
    {
        var rows = LabelledCorpus.Read(file, 4);
        var report = new StringBuilder();
        var failing = new List<string>();
        foreach (var question in rows.GroupBy(r => r[0]))
        {
            var misses = question.Where(r => Read(r[0], r[1], r[3]) != r[2]).ToList();
            var accuracy = 1 - (double)misses.Count / question.Count();
            report.AppendLine(CultureInfo.InvariantCulture, $"{question.Key,-8} {accuracy,7:P1} ({question.Count() - misses.Count}/{question.Count()})");
            foreach (var miss in misses)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"   [{miss[1]} expected {miss[2]}, read {Read(miss[0], miss[1], miss[3]) ?? "nothing"}] {miss[3]}");
            }

            if (accuracy < MinimumAccuracy)
            {
                failing.Add($"{question.Key} {accuracy:P1}");
            }
        }

        output.WriteLine(report.ToString());
        Assert.True(failing.Count == 0, $"below {MinimumAccuracy:P0}: {string.Join(", ", failing)}");
    }

    /// <summary>What the bot makes of <paramref name="text"/> as an answer to <paramref name="question"/>, in the corpus's labels.</summary>
    private static string? Read(string question, string language, string text)
    {
        var utterance = ShippedContent.Content.Read(text);
        var understanding = ShippedContent.Understanding;
        switch (question)
        {
            case "consent":
                var other = language == "en" ? "dutch" : "english";
                var choice = understanding.Choose(utterance, ["yes", "no", other], Mentor);
                return choice == other ? "language" : choice ?? "none";
            case "day":
                var day = ShippedContent.Days.Read(text, Today);
                return day.Weekend ? "weekend"
                    : day.Date is { } date ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + (day.Part is { } part ? " " + part.ToString().ToLowerInvariant() : "")
                    : "none";
            case "command":
                return understanding.Command(utterance, out _, Mentor) ?? "none";
            default:
                var picked = understanding.Choose(utterance, Choices[question], Mentor);
                return picked is null ? "none" : picked[(picked.IndexOf('.', StringComparison.Ordinal) + 1)..] switch
                {
                    "sameday" or "smaller" or "mentor" or "family" or "wellbeing" or "money" or "learning" or "work" => picked[(picked.IndexOf('.', StringComparison.Ordinal) + 1)..],
                    _ => picked,
                };
        }
    }
}
