using System.Globalization;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Conversations;

namespace MobilityMentoring.Bot.Dialogs;

/// <summary>
/// Commands that work in every state (keywords.yaml, or said in plain words: "hoeveel punten heb ik"): HULP, STAP,
/// PUNTEN, PAUZE [weeks], TAAL, MENTOR, and the question "are you a human?". They answer and leave a waiting dialog
/// where it was (TAAL starts its own). STOP and START are the keyword middleware's.
/// </summary>
public sealed class ClientCommands(Understanding.Understanding understanding, RewardLedger rewards, StepWording wording)
{
    /// <summary>Null when the message is not a command; else how the dialog stands afterwards.</summary>
    /// <remarks>With <paramref name="plainWords"/> off (the client is typing their own step) only command words count.</remarks>
    public async Task<DialogStatus?> TryHandleAsync(DialogContext dialog, bool plainWords, CancellationToken cancellationToken)
    {
        var said = dialog.Utterance;
        var turn = dialog.Turn;
        var client = turn.Client!;
        switch (understanding.Command(said, out var argument, client.Mentor?.FirstName, plainWords))
        {
            case "help":
                await dialog.SayAsync("help", null, cancellationToken);
                break;
            case "step":
                await SayStepAsync(dialog, cancellationToken);
                break;
            case "points":
                var programme = await turn.Db.Programmes.FindAsync([client.ProgrammeId], cancellationToken);
                var points = await rewards.PointsAsync(client.Id, cancellationToken);
                await dialog.SayAsync("command.points", new Dictionary<string, string>
                {
                    ["points"] = points.ToString(CultureInfo.InvariantCulture),
                    ["togo"] = RewardLedger.ToNextMilestone(points, programme!).ToString(CultureInfo.InvariantCulture),
                }, cancellationToken);
                break;
            case "pause":
                // PAUZE: a week without check-ins; PAUZE 2: two weeks (at most eight). Check-ins resume on the day after.
                var lastDay = client.Today(turn.Now).AddDays(7 * Math.Clamp(argument ?? 1, 1, 8) - 1);
                client.PausedUntil = client.StartOf(lastDay.AddDays(1));
                await dialog.SayAsync("command.pause", new Dictionary<string, string>
                {
                    ["until"] = ClientClock.FormatDay(lastDay, client.Language),
                }, cancellationToken);
                break;
            case "language":
                return await dialog.BeginDialogAsync(LanguageDialog.DialogId, cancellationToken);
            case "mentor":
                await turn.Db.RaiseFlagAsync(client.Id, FlagKind.Help, "MENTOR", turn.Now, cancellationToken);
                await dialog.SayAsync("mentor.asked", null, cancellationToken);
                break;
            default:
                if (!understanding.Means(said, "human"))
                {
                    return null;
                }

                await dialog.SayAsync("human", null, cancellationToken);
                break;
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
