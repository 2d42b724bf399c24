using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Conversations;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Dialogs;

namespace MobilityMentoring.Bot.Reminders;

public enum CheckInStart { Sent, AlreadyPlanned, NotActive, OptedOut, Paused, Crisis }

/// <summary>
/// Starts a check-in on a step as a proactive turn (the reminders planner calls this). Nothing goes out to a client
/// who stopped, paused or has an open crisis flag; (step, planned moment) is unique, so a retried job asks once.
/// </summary>
public sealed class CheckInStarter(BotDbContext db, TurnProcessor turns, DialogRuntime dialogs, TimeProvider time)
{
    public async Task<CheckInStart> StartAsync(int stepId, DateTimeOffset plannedAt, CancellationToken cancellationToken)
    {
        var step = await db.Steps.Include(s => s.Goal).ThenInclude(g => g!.Client).SingleOrDefaultAsync(s => s.Id == stepId, cancellationToken);
        var now = time.GetUtcNow();
        var refusal = step switch
        {
            null or { Status: not StepStatus.Active } => CheckInStart.NotActive,
            { Goal.Client.OptedOutAt: not null } or { Goal.Client.ConsentAt: null } => CheckInStart.OptedOut,
            _ when step.Goal!.Client!.IsPaused(now) => CheckInStart.Paused,
            _ when await db.HasOpenCrisisAsync(step.Goal!.ClientId, cancellationToken) => CheckInStart.Crisis,
            _ when await db.CheckIns.AnyAsync(c => c.StepId == stepId && c.PlannedAt == plannedAt, cancellationToken) => CheckInStart.AlreadyPlanned,
            _ => (CheckInStart?)null,
        };
        if (refusal is { } refused)
        {
            return refused;
        }

        try
        {
            await turns.ContinueConversationAsync(step!.Goal!.ClientId, "checkin",
                (turn, ct) => BeginInTurnAsync(turn, dialogs, stepId, plannedAt, ct), cancellationToken);
            return CheckInStart.Sent;
        }
        catch (DbUpdateException)
        {
            // Another instance planned this very check-in at the same moment; its turn sent it.
            return CheckInStart.AlreadyPlanned;
        }
    }

    /// <summary>
    /// Asks about <paramref name="stepId"/> in a turn the bot started. (step, planned moment) is the reminder's unique
    /// key: the turn's commit fails rather than ask twice.
    /// </summary>
    public static async Task BeginInTurnAsync(ITurnContext turn, DialogRuntime dialogs, int stepId, DateTimeOffset plannedAt, CancellationToken cancellationToken)
    {
        turn.Db.CheckIns.Add(new CheckIn { StepId = stepId, PlannedAt = plannedAt, SentAt = turn.Now });
        await dialogs.BeginAsync(turn, CheckInDialog.DialogId, new JsonObject { [CheckInDialog.StepValue] = stepId }, cancellationToken);
    }
}
