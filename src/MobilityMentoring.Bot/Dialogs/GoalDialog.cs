using System.Text.Json.Nodes;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Conversations;

namespace MobilityMentoring.Bot.Dialogs;

/// <summary>A goal on the Bridge: a pillar (1–5), then the goal in the client's own words, stored as typed.</summary>
public sealed class GoalDialog : IDialog
{
    public const string DialogId = "goal";

    private static readonly string[] Pillars = ["pillar.family", "pillar.wellbeing", "pillar.money", "pillar.learning", "pillar.work"];

    public string Id => DialogId;

    public Task<DialogStatus> BeginAsync(DialogContext dialog, CancellationToken cancellationToken) =>
        dialog.AskAsync("goal.pillar", "pillar", null, cancellationToken, Pillars);

    public async Task<DialogStatus> ContinueAsync(DialogContext dialog, CancellationToken cancellationToken)
    {
        if (dialog.Step == "pillar")
        {
            dialog.Values["pillar"] = Array.IndexOf(Pillars, dialog.Choice) + 1;
            return await dialog.AskAsync("goal.title", "title", null, cancellationToken);
        }

        var title = dialog.Turn.Activity.Text?.Trim() ?? "";
        if (dialog.Utterance.IsEmpty)
        {
            return await dialog.AskAsync("goal.title", "title", null, cancellationToken);
        }

        var goal = new Goal
        {
            ClientId = dialog.Turn.Client!.Id,
            Pillar = (BridgePillar)(dialog.GetInt("pillar") ?? (int)BridgePillar.FinancialManagement),
            Title = title.Length > 500 ? title[..500] : title,
            CreatedAt = dialog.Turn.Now,
        };
        dialog.Turn.Db.Goals.Add(goal);
        await dialog.Turn.Db.SaveChangesAsync(cancellationToken);
        return await dialog.BeginDialogAsync(StepDialog.DialogId, cancellationToken,
            new JsonObject { [StepDialog.GoalValue] = goal.Id, [StepDialog.ModeValue] = StepDialog.ModeFirst, ["pillar"] = (int)goal.Pillar });
    }
}
