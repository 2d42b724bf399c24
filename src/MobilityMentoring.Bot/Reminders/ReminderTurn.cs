using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Conversations;
using MobilityMentoring.Bot.Dialogs;

namespace MobilityMentoring.Bot.Reminders;

/// <summary>
/// One due client, under their turn lock, in one transaction: decide, maybe ask about the step, and set when to look
/// again. A client already handled by another instance (or by this job before a retry) is no longer due and is left.
/// </summary>
public sealed class ReminderTurn(TurnProcessor turns, DialogRuntime dialogs)
{
    public Task RunAsync(int clientId, CancellationToken cancellationToken) =>
        turns.ContinueConversationAsync(clientId, "reminder", async (turn, ct) =>
        {
            var client = turn.Client!;
            if (client.NextContactAt is not { } due || due > turn.Now)
            {
                return;
            }

            var cadence = await turn.Db.Programmes.AsNoTracking().Where(p => p.Id == client.ProgrammeId).Select(p => p.Cadence).SingleAsync(ct);
            var facts = await ContactFactsLoader.LoadAsync(turn.Db, client, cadence, turn.Now, ct);
            var decision = ContactPlan.Next(facts);
            var unreachable = decision.Unreachable;
            if (decision is { Send: true, At: { } at } && at <= turn.Now)
            {
                await CheckInStarter.BeginInTurnAsync(turn, dialogs, facts.Step!.Id, at, ct);
                decision = ContactPlan.Next(facts with
                {
                    BotStarted = [.. facts.BotStarted, turn.Now],
                    Step = facts.Step with { CheckIns = [.. facts.Step.CheckIns, new PastCheckIn(at, null)] },
                });
            }

            if (unreachable)
            {
                await turn.Db.RaiseFlagAsync(client.Id, FlagKind.Unreachable, $"no reply for {cadence.UnreachableAfterDays} days", turn.Now, ct);
            }

            if (decision.NoAnswer)
            {
                await turn.Db.RaiseFlagAsync(client.Id, FlagKind.NoAnswer, "check-in and follow-up unanswered", turn.Now, ct);
            }

            // Never "due again right now": that would spin the planner on one client.
            client.NextContactAt = decision.At is { } next ? (next > turn.Now ? next : turn.Now.AddMinutes(1)) : null;
        }, cancellationToken);
}
