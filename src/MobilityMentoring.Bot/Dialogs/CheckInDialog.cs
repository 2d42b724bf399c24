using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Conversations;

namespace MobilityMentoring.Bot.Dialogs;

/// <summary>
/// "Is het gelukt: {step}? 1 Gedaan 2 Nog niet 3 Hulp". Done: confirmed (where the step asks for it), points once,
/// the new total, and on to the next step. Not yet: no blame, the same step another day, a smaller step, or the
/// mentor. Help: a flag for the mentor, and the client hears who will call and when.
/// </summary>
public sealed class CheckInDialog(RewardLedger rewards) : IDialog
{
    public const string DialogId = "checkin";
    public const string StepValue = "step";

    public string Id => DialogId;

    public async Task<DialogStatus> BeginAsync(DialogContext dialog, CancellationToken cancellationToken)
    {
        var step = await StepAsync(dialog, cancellationToken);
        if (step is null)
        {
            return DialogStatus.Complete;
        }

        return await dialog.AskAsync("checkin.ask", "outcome", new Dictionary<string, string> { ["step"] = step.Text },
            cancellationToken, "done", "notyet", "help");
    }

    public async Task<DialogStatus> ContinueAsync(DialogContext dialog, CancellationToken cancellationToken)
    {
        var step = await StepAsync(dialog, cancellationToken);
        if (step is null)
        {
            return await dialog.BeginDialogAsync(MainDialog.DialogId, cancellationToken);
        }

        switch (dialog.Step, dialog.Choice)
        {
            case ("outcome", "done") when step.NeedsVerification && step.Status != StepStatus.Done:
                return await dialog.AskAsync("checkin.verify", "verify", null, cancellationToken, "yes", "no");

            case ("outcome", "done"):
            case ("verify", "yes"):
                return await DoneAsync(dialog, step, cancellationToken);

            case ("outcome", "notyet"):
            case ("verify", "no"):
                await RecordAsync(dialog, CheckInOutcome.NotYet, cancellationToken);
                return await dialog.AskAsync("checkin.notyet", "notyet", null, cancellationToken, "retry.sameday", "retry.smaller", "retry.mentor");

            case ("notyet", "retry.sameday"):
                return await dialog.BeginDialogAsync(StepDialog.DialogId, cancellationToken, NextStep(step, StepDialog.ModeRetry));

            case ("notyet", "retry.smaller"):
                return await dialog.BeginDialogAsync(StepDialog.DialogId, cancellationToken, NextStep(step, StepDialog.ModeSmaller));

            default:
                // Help, or "talk to my mentor" after not yet.
                if (dialog.Step == "outcome")
                {
                    await RecordAsync(dialog, CheckInOutcome.NeedHelp, cancellationToken);
                }

                await dialog.Turn.Db.RaiseFlagAsync(dialog.Turn.Client!.Id, FlagKind.Help, $"check-in: {step.Text}", dialog.Turn.Now, cancellationToken);
                await dialog.SayAsync("mentor.asked", null, cancellationToken);
                return DialogStatus.Complete;
        }
    }

    private async Task<DialogStatus> DoneAsync(DialogContext dialog, Step step, CancellationToken cancellationToken)
    {
        var turn = dialog.Turn;
        var client = turn.Client!;
        await RecordAsync(dialog, CheckInOutcome.Done, cancellationToken);
        var programme = await turn.Db.Programmes.SingleAsync(p => p.Id == client.ProgrammeId, cancellationToken);
        var reward = await rewards.AwardStepAsync(client, programme, step, turn.Now, cancellationToken);
        if (step.Status != StepStatus.Done)
        {
            step.Status = StepStatus.Done;
            step.CompletedAt = turn.Now;
            step.VerifiedAt = step.NeedsVerification ? turn.Now : null;
        }

        var key = reward.AlreadyAwarded ? "checkin.already" : reward.MilestoneReached ? "checkin.milestone" : "checkin.done";
        await dialog.SayAsync(key, new Dictionary<string, string>
        {
            ["points"] = reward.Total.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["togo"] = reward.ToNextMilestone.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, cancellationToken);

        // The message ended with "what is your next small step?": wait for it.
        var next = NextStep(step, StepDialog.ModeNext);
        next[StepDialog.AskedValue] = true;
        return await dialog.BeginDialogAsync(StepDialog.DialogId, cancellationToken, next);
    }

    private static JsonObject NextStep(Step step, string mode) => new()
    {
        [StepDialog.GoalValue] = step.GoalId,
        [StepDialog.ModeValue] = mode,
        [StepDialog.StepValue] = mode == StepDialog.ModeNext ? null : step.Id,
        ["pillar"] = step.Goal is { } goal ? (int)goal.Pillar : null,
    };

    /// <summary>The answer belongs to the step's latest check-in (a follow-up asks the same question again).</summary>
    private static async Task RecordAsync(DialogContext dialog, CheckInOutcome outcome, CancellationToken cancellationToken)
    {
        if (dialog.GetInt(StepValue) is { } stepId
            && await dialog.Turn.Db.CheckIns.Where(c => c.StepId == stepId).OrderByDescending(c => c.PlannedAt).FirstOrDefaultAsync(cancellationToken) is { } checkIn)
        {
            checkIn.Outcome = outcome;
            checkIn.AnsweredAt ??= dialog.Turn.Now;
        }
    }

    /// <summary>Found in the turn's context when the planner loaded it already, else read with its goal.</summary>
    private static async Task<Step?> StepAsync(DialogContext dialog, CancellationToken cancellationToken)
    {
        if (dialog.GetInt(StepValue) is not { } id || await dialog.Turn.Db.Steps.FindAsync([id], cancellationToken) is not { } step)
        {
            return null;
        }

        var goal = dialog.Turn.Db.Entry(step).Reference(s => s.Goal);
        if (!goal.IsLoaded)
        {
            await goal.LoadAsync(cancellationToken);
        }

        return step;
    }
}
