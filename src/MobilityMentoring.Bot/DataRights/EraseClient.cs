using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Conversations;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Operations;
using MobilityMentoring.Bot.Privacy;

namespace MobilityMentoring.Bot.DataRights;

/// <summary>What an erasure removed, and what the law made it keep.</summary>
public sealed record ErasureReport(int Messages, int TwilioCopies, int PayoutsKept);

/// <summary>
/// A coordinator erases a client (AVG art. 17; the case page and <c>POST /api/clients/{id}/erase</c>): their messages
/// (also those from their number before they were known), goals, steps, check-ins, rewards, flags, summaries, consent
/// answers and conversation state go, in one transaction under the client's turn lock, so no turn writes meanwhile.
/// Twilio's copies are queued for deletion (<see cref="TwilioCopiesJob"/>). Payouts are kept, as amounts without a
/// person, for the municipality's books (art. 17(3)(b)). The audit log keeps a tombstone: client id, who, when, why
/// and what was kept; never a name or number.
/// </summary>
public sealed class EraseClient(BotDbContext db, IClientTurnLock turnLock, TimeProvider time)
{
    public const int MaxReasonLength = 200;
    public const string KeptForTheBooks = "art. 17(3)(b): payouts kept for the municipality's books";

    public async Task<Outcome<ErasureReport>> RunAsync(ClaimsPrincipal coordinator, int clientId, string? reason, CancellationToken cancellationToken)
    {
        if (!coordinator.IsInRole(Roles.Coordinator)
            || await db.Clients.AsNoTracking().VisibleTo(coordinator).SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken) is not { } found)
        {
            return Outcome.NotFound<ErasureReport>();
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > MaxReasonLength)
        {
            return Outcome.Invalid<ErasureReport>("reason", $"Say in 1 to {MaxReasonLength} characters why (the request, not the person: no name or number).");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await using var clientLock = await turnLock.AcquireAsync(db, found.Phone.Value, cancellationToken);
        if (await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken) is not { } client)
        {
            return Outcome.NotFound<ErasureReport>(); // erased meanwhile (a double click)
        }

        var messages = ClientMessages.Of(db, client);
        if (await messages.AnyAsync(m => m.Status == MessageStatus.Dispatching, cancellationToken))
        {
            // Its Twilio SID is not known yet: erased now, Twilio's copy would be missed.
            return Outcome.Conflict<ErasureReport>("A message to this client is being sent right now. Try again in a minute.");
        }

        var now = time.GetUtcNow();
        var sids = await messages.Where(m => m.ProviderSid != null && m.Channel != Channel.Simulator).Select(m => m.ProviderSid!).ToListAsync(cancellationToken);
        db.TwilioDeletions.AddRange(sids.Select(sid => new TwilioDeletion { MessageSid = sid, CreatedAt = now, NextAttemptAt = now }));
        var payouts = await db.RewardEntries.AsNoTracking()
            .Where(r => r.ClientId == clientId && r.Kind == RewardKind.Milestone && r.Amount != null && r.ApprovedAt != null).ToListAsync(cancellationToken);
        db.RetainedPayouts.AddRange(payouts.Select(r => new RetainedPayout
        {
            ClientId = clientId, ProgrammeId = client.ProgrammeId, Amount = r.Amount!.Value, Reason = r.Reason, EarnedAt = r.CreatedAt,
            ApprovedAt = r.ApprovedAt!.Value, ApprovedById = r.ApprovedById, ErasedAt = now,
        }));
        var kept = payouts.Count > 0 ? $"; kept {payouts.Count} payout(s), {KeptForTheBooks}" : "";
        db.AuditEntries.Add(new AuditEntry
        {
            At = now, Actor = coordinator.Id(), Action = AuditAction.ClientErase, Subject = $"client:{clientId}",
            Detail = $"{reason.Trim()}; {sids.Count} Twilio copies queued for deletion{kept}",
        });
        await db.SaveChangesAsync(cancellationToken);

        var erased = await messages.ExecuteDeleteAsync(cancellationToken);
        await db.RewardEntries.Where(r => r.ClientId == clientId).ExecuteDeleteAsync(cancellationToken);
        await db.CheckIns.Where(c => c.Step!.Goal!.ClientId == clientId).ExecuteDeleteAsync(cancellationToken);
        await db.Steps.Where(s => s.Goal!.ClientId == clientId).ExecuteDeleteAsync(cancellationToken);
        await db.Goals.Where(g => g.ClientId == clientId).ExecuteDeleteAsync(cancellationToken);
        await db.Flags.Where(f => f.ClientId == clientId).ExecuteDeleteAsync(cancellationToken);
        await db.Summaries.Where(s => s.ClientId == clientId).ExecuteDeleteAsync(cancellationToken);
        await db.ConsentRecords.Where(r => r.ClientId == clientId).ExecuteDeleteAsync(cancellationToken);
        await db.ConversationStates.Where(s => s.ClientId == clientId).ExecuteDeleteAsync(cancellationToken);
        await db.Clients.Where(c => c.Id == clientId).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome.Done(new ErasureReport(erased, sids.Count, payouts.Count));
    }
}
