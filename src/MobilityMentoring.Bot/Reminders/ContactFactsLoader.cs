using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Dialogs;

namespace MobilityMentoring.Bot.Reminders;

/// <summary>Reads the facts <see cref="ContactPlan"/> decides from, for one client, from the database.</summary>
public static class ContactFactsLoader
{
    public static async Task<ContactFacts> LoadAsync(BotDbContext db, Client client, Cadence cadence, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var mayContact = client is { ConsentAt: not null, OptedOutAt: null, ClosedAt: null }
                         && !await db.HasOpenCrisisAsync(client.Id, cancellationToken);
        StepFacts? step = null;
        if (mayContact && await StepWording.CurrentStepAsync(db, client.Id, cancellationToken) is { DueDate: { } due } current)
        {
            var checkIns = await db.CheckIns.Where(c => c.StepId == current.Id).OrderBy(c => c.PlannedAt)
                .Select(c => new PastCheckIn(c.PlannedAt, c.AnsweredAt)).ToListAsync(cancellationToken);
            step = new StepFacts(current.Id, due, current.DuePart, IsHardTopic(current.Goal?.Pillar), current.CreatedAt, checkIns);
        }

        // Long enough back for the weekly cap and the monthly nudge of an unreachable client.
        var since = now.AddDays(-Math.Max(8, cadence.UnreachableNudgeEveryDays + 1));
        var botStarted = step is null ? [] : await db.Messages
            .Where(m => m.ClientId == client.Id && m.Direction == MessageDirection.Outbound && m.Origin == MessageOrigin.Proactive && m.CreatedAt >= since)
            .Select(m => m.CreatedAt).ToListAsync(cancellationToken);

        return new ContactFacts(now, cadence, client.Zone(), client.PreferredTime, mayContact, client.PausedUntil,
            client.LastInboundAt ?? client.ConsentAt ?? client.CreatedAt, step, botStarted);
    }

    /// <summary>Money and debts are hard topics: asked about in the morning only.</summary>
    public static bool IsHardTopic(BridgePillar? pillar) => pillar == BridgePillar.FinancialManagement;
}
