using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Conversations;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.Reminders;

/// <summary>
/// Reads the facts <see cref="ContactPlan"/> decides from, for a batch of clients in a handful of queries. The current
/// steps (with their goals) and conversation states stay tracked, so the check-in turns that follow find them
/// without asking the database again.
/// </summary>
public static class ContactFactsLoader
{
    public static async Task<Dictionary<int, (ContactFacts Facts, Cadence Cadence)>> LoadAsync(
        BotDbContext db, IReadOnlyList<Client> clients, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = clients.Select(c => c.Id).ToList();
        var programmeIds = clients.Select(c => c.ProgrammeId).Distinct().ToList();
        var cadences = await db.Programmes.AsNoTracking().Where(p => programmeIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Cadence }).ToDictionaryAsync(p => p.Id, p => p.Cadence, cancellationToken);
        var inCrisis = (await db.Flags.OpenCrisis().Where(f => ids.Contains(f.ClientId))
            .Select(f => f.ClientId).ToListAsync(cancellationToken)).ToHashSet();

        // The active step due first is the one check-ins are about (as StepWording.CurrentStepAsync picks it).
        var steps = (await db.Steps.Include(s => s.Goal)
                .Where(s => ids.Contains(s.Goal!.ClientId) && s.Status == StepStatus.Active && s.DueDate != null)
                .ToListAsync(cancellationToken))
            .GroupBy(s => s.Goal!.ClientId)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.DueDate).ThenBy(s => s.Id).First());
        var stepIds = steps.Values.Select(s => s.Id).ToList();
        var checkIns = (await db.CheckIns.Where(c => stepIds.Contains(c.StepId))
                .Select(c => new { c.StepId, c.PlannedAt, c.AnsweredAt }).ToListAsync(cancellationToken))
            .ToLookup(c => c.StepId, c => new PastCheckIn(c.PlannedAt, c.AnsweredAt));

        // Long enough back for the weekly cap and the monthly nudge of an unreachable client.
        var since = now.AddDays(-Math.Max(8, cadences.Values.Select(c => c.UnreachableNudgeEveryDays + 1).DefaultIfEmpty(31).Max()));
        var botStarted = (await db.Messages
                .Where(m => m.ClientId != null && ids.Contains(m.ClientId.Value) && m.Direction == MessageDirection.Outbound
                            && m.Origin == MessageOrigin.Proactive && m.CreatedAt >= since)
                .Select(m => new { ClientId = m.ClientId!.Value, m.CreatedAt }).ToListAsync(cancellationToken))
            .ToLookup(m => m.ClientId, m => m.CreatedAt);

        await TrackConversationStatesAsync(db, ids, cancellationToken);

        var facts = new Dictionary<int, (ContactFacts, Cadence)>();
        foreach (var client in clients)
        {
            var cadence = cadences[client.ProgrammeId];
            var step = steps.GetValueOrDefault(client.Id) is { } current
                ? new StepFacts(current.Id, current.DueDate!.Value, current.DuePart, IsHardTopic(current.Goal?.Pillar), current.CreatedAt,
                    [.. checkIns[current.Id].OrderBy(c => c.PlannedAt)])
                : null;
            var mayContact = client is { ConsentAt: not null, OptedOutAt: null, ClosedAt: null, HandedOffAt: null } && !inCrisis.Contains(client.Id);
            facts[client.Id] = (new ContactFacts(now, cadence, client.Zone(), client.PreferredTime, mayContact, client.PausedUntil,
                client.LastInboundAt ?? client.ConsentAt ?? client.CreatedAt, step, [.. botStarted[client.Id]]), cadence);
        }

        return facts;
    }

    /// <summary>Money and debts are hard topics: asked about in the morning only.</summary>
    public static bool IsHardTopic(BridgePillar? pillar) => pillar == BridgePillar.FinancialManagement;

    /// <summary>Every client's state is tracked after this (a new one where they have none), so no turn looks it up alone.</summary>
    private static async Task TrackConversationStatesAsync(BotDbContext db, List<int> ids, CancellationToken cancellationToken)
    {
        var existing = await db.ConversationStates.Where(s => ids.Contains(s.ClientId)).ToListAsync(cancellationToken);
        foreach (var id in ids.Except(existing.Select(s => s.ClientId)))
        {
            db.ConversationStates.Add(new ConversationState { ClientId = id });
        }
    }
}
