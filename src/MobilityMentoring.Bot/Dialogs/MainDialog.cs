using System.Text.Json.Nodes;
using MobilityMentoring.Bot.Conversations;

namespace MobilityMentoring.Bot.Dialogs;

/// <summary>
/// Where a client's message lands when no dialog waits for an answer: a newcomer is onboarded, a client without a
/// goal picks one, a client without a step plans one; otherwise a short line with the commands.
/// </summary>
public sealed class MainDialog : IDialog
{
    public const string DialogId = "main";

    public string Id => DialogId;

    public async Task<DialogStatus> BeginAsync(DialogContext dialog, CancellationToken cancellationToken)
    {
        var client = dialog.Turn.Client!;
        var db = dialog.Turn.Db;
        if (client.ConsentAt is null)
        {
            return await dialog.BeginDialogAsync(OnboardingDialog.DialogId, cancellationToken);
        }

        if (await StepWording.ActiveGoalAsync(db, client.Id, cancellationToken) is not { } goal)
        {
            return await dialog.BeginDialogAsync(GoalDialog.DialogId, cancellationToken);
        }

        if (await StepWording.CurrentStepAsync(db, client.Id, cancellationToken) is null)
        {
            return await dialog.BeginDialogAsync(StepDialog.DialogId, cancellationToken,
                new JsonObject { [StepDialog.GoalValue] = goal.Id, [StepDialog.ModeValue] = StepDialog.ModeNext, ["pillar"] = (int)goal.Pillar });
        }

        await dialog.SayAsync("fallback", null, cancellationToken);
        return DialogStatus.Complete;
    }

    public Task<DialogStatus> ContinueAsync(DialogContext dialog, CancellationToken cancellationToken) =>
        BeginAsync(dialog, cancellationToken);
}
