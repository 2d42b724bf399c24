using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Conversations;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Dialogs;

namespace MobilityMentoring.Bot.Reminders;

/// <summary>
/// Due clients in one transaction, each under their turn lock: decide, maybe ask about the step, and set when to look
/// again. A client already handled by another instance (or by this job before a retry) is no longer due and is left;
/// one who is chatting right now is left for the next run.
/// </summary>
public sealed class ReminderTurn(TurnProcessor turns, DialogRuntime dialogs, BotDbContext db, TimeProvider time)
{
    /// <summary>Returns the clients it handled.</summary>
    public async Task<IReadOnlyList<int>> RunAsync(IReadOnlyList<int> clientIds, CancellationToken cancellationToken)
    {
        Dictionary<int, (ContactFacts Facts, Cadence Cadence)> facts = [];
        return await turns.ContinueConversationsAsync(clientIds, "reminder",
            async (clients, ct) =>
            {
                var now = time.GetUtcNow();
                facts = await ContactFactsLoader.LoadAsync(db, [.. clients.Where(c => c.NextContactAt is { } due && due <= now)], now, ct);
            },
            async (turn, ct) =>
            {
                if (facts.TryGetValue(turn.Client!.Id, out var known))
                {
                    await RemindAsync(turn, known.Facts, known.Cadence, ct);
                }
            },
            cancellationToken);
    }

    private async Task RemindAsync(ITurnContext turn, ContactFacts facts, Cadence cadence, CancellationToken cancellationToken)
    {
        var client = turn.Client!;
        client.PlanningFailures = 0; // planned: only failures in a row park a client

        // While the client is answering another question, the check-in waits (a planned moment can fall mid-chat).
        // (Tracked by the loader: Find answers from memory, where Local would detect changes over the whole batch.)
        if (await db.ConversationStates.FindAsync([client.Id], cancellationToken) is { Dialog: not null } state
            && state.UpdatedAt + TurnProcessor.ConversationQuiet > turn.Now)
        {
            client.NextContactAt = state.UpdatedAt + TurnProcessor.ConversationQuiet;
            return;
        }

        facts = facts with { Now = turn.Now };
        var decision = ContactPlan.Next(facts);
        var unreachable = decision.Unreachable;
        if (decision is { Send: true, At: { } at } && at <= turn.Now)
        {
            if (await db.Programmes.FindAsync([client.ProgrammeId], cancellationToken) is { } programme
                && ConsentRenewalDialog.VersionToAsk(client, programme) is not null)
            {
                // The info page changed: this check-in's moment asks for consent again instead (once), and the check-in
                // follows on the next day the cadence allows.
                await dialogs.BeginAsync(turn, ConsentRenewalDialog.DialogId, null, cancellationToken);
                decision = ContactPlan.Next(facts with { BotStarted = [.. facts.BotStarted, turn.Now] });
            }
            else
            {
                await CheckInStarter.BeginInTurnAsync(turn, dialogs, facts.Step!.Id, at, cancellationToken);
                decision = ContactPlan.Next(facts with
                {
                    BotStarted = [.. facts.BotStarted, turn.Now],
                    Step = facts.Step with { CheckIns = [.. facts.Step.CheckIns, new PastCheckIn(at, null)] },
                });
            }
        }

        if (unreachable)
        {
            await turn.Db.RaiseFlagAsync(client.Id, FlagKind.Unreachable, $"no reply for {cadence.UnreachableAfterDays} days", turn.Now, cancellationToken);
        }

        if (decision.NoAnswer)
        {
            await turn.Db.RaiseFlagAsync(client.Id, FlagKind.NoAnswer, "check-in and follow-up unanswered", turn.Now, cancellationToken);
        }

        // Never "due again right now": that would spin the planner on one client.
        client.NextContactAt = decision.At is { } next ? (next > turn.Now ? next : turn.Now.AddMinutes(1)) : null;
    }
}
