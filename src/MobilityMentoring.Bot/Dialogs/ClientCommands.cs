using System.Globalization;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Conversations;

namespace MobilityMentoring.Bot.Dialogs;

/// <summary>
/// Commands that work in every state (keywords.yaml): HULP, STAP, PUNTEN, PAUZE [weeks], TAAL, MENTOR, and the
/// question "are you a human?". They answer and leave a waiting dialog where it was (TAAL starts its own).
/// </summary>
public sealed class ClientCommands(Understanding.Understanding understanding, RewardLedger rewards, StepWording wording)
{
    /// <summary>Null when the message is not a command; else how the dialog stands afterwards.</summary>
    public async Task<DialogStatus?> TryHandleAsync(DialogContext dialog, CancellationToken cancellationToken)
    {
        var said = dialog.Utterance;
        var turn = dialog.Turn;
        var client = turn.Client!;
        if (understanding.IsCommand(said, "help", out _))
        {
            await dialog.SayAsync("help", null, cancellationToken);
        }
        else if (understanding.IsCommand(said, "step", out _))
        {
            await SayStepAsync(dialog, cancellationToken);
        }
        else if (understanding.IsCommand(said, "points", out _))
        {
            var programme = await turn.Db.Programmes.FindAsync([client.ProgrammeId], cancellationToken);
            var points = await rewards.PointsAsync(client.Id, cancellationToken);
            await dialog.SayAsync("command.points", new Dictionary<string, string>
            {
                ["points"] = points.ToString(CultureInfo.InvariantCulture),
                ["togo"] = RewardLedger.ToNextMilestone(points, programme!).ToString(CultureInfo.InvariantCulture),
            }, cancellationToken);
        }
        else if (understanding.IsCommand(said, "pause", out var weeks))
        {
            // PAUZE: a week without check-ins; PAUZE 2: two weeks (at most eight). Check-ins resume on the day after.
            var lastDay = client.Today(turn.Now).AddDays(7 * Math.Clamp(weeks ?? 1, 1, 8) - 1);
            client.PausedUntil = client.StartOf(lastDay.AddDays(1));
            await dialog.SayAsync("command.pause", new Dictionary<string, string>
            {
                ["until"] = ClientClock.FormatDay(lastDay, client.Language),
            }, cancellationToken);
        }
        else if (understanding.IsCommand(said, "language", out _))
        {
            return await dialog.BeginDialogAsync(LanguageDialog.DialogId, cancellationToken);
        }
        else if (understanding.IsCommand(said, "mentor", out _))
        {
            await turn.Db.RaiseFlagAsync(client.Id, FlagKind.Help, "MENTOR", turn.Now, cancellationToken);
            await dialog.SayAsync("mentor.asked", null, cancellationToken);
        }
        else if (understanding.Means(said, "human"))
        {
            await dialog.SayAsync("human", null, cancellationToken);
        }
        else
        {
            return null;
        }

        return DialogStatus.Complete;
    }

    private async Task SayStepAsync(DialogContext dialog, CancellationToken cancellationToken)
    {
        var client = dialog.Turn.Client!;
        if (await StepWording.CurrentStepAsync(dialog.Turn.Db, client.Id, cancellationToken) is { DueDate: { } due } step)
        {
            await dialog.SayAsync("command.step", new Dictionary<string, string>
            {
                ["step"] = step.Text,
                ["when"] = wording.When(due, step.DuePart, client.Language),
            }, cancellationToken);
        }
        else
        {
            await dialog.SayAsync("command.step.none", null, cancellationToken);
        }
    }
}
