using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Operations;
using MobilityMentoring.Bot.Privacy;

namespace MobilityMentoring.Bot.DataRights;

/// <summary>
/// A client asks what the service holds about them (AVG art. 15) or for a copy to take elsewhere (art. 20): their own
/// mentor exports it (<c>GET /api/clients/{id}/export</c>, and the readable page in the client's language); an admin
/// may too, for a written request, and must say which. Every export is audit-logged, and shows up in the next one.
/// </summary>
public sealed class ExportClient(BotDbContext db, TimeProvider time)
{
    public const int MaxReasonLength = 200;

    public async Task<Outcome<ClientExport>> RunAsync(ClaimsPrincipal user, int clientId, string? reason, string surface, CancellationToken cancellationToken)
    {
        var own = await db.Clients.OwnedBy(user).AnyAsync(c => c.Id == clientId, cancellationToken);
        var onRequest = !own && user.IsInRole(Roles.Admin) && await db.Clients.AnyAsync(c => c.Id == clientId && c.TestOwnerId == null, cancellationToken);
        if (!own && !onRequest)
        {
            return Outcome.NotFound<ClientExport>();
        }

        if (onRequest && (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > MaxReasonLength))
        {
            return Outcome.Invalid<ClientExport>("reason", $"An admin exports for a written request: name it in 1 to {MaxReasonLength} characters.");
        }

        var now = time.GetUtcNow();
        db.AuditEntries.Add(new AuditEntry
        {
            At = now, Actor = user.Id(), Action = AuditAction.ClientExport, Subject = $"client:{clientId}",
            Detail = onRequest ? $"{surface}, on request: {reason!.Trim()}" : surface,
        });
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done(await ReadAsync(clientId, now, cancellationToken));
    }

    private async Task<ClientExport> ReadAsync(int clientId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var c = await db.Clients.AsNoTracking().Include(x => x.Programme).Include(x => x.Mentor).SingleAsync(x => x.Id == clientId, cancellationToken);
        var client = new ExportedClient(c.Id, c.FirstName, c.Phone.Value, c.Channel, c.Language, c.TimeZone, c.Programme!.Name, c.Mentor?.FirstName,
            c.CreatedAt, c.ConsentAt, c.OptedOutAt, c.PausedUntil, c.PreferredTime, c.ClosedAt, c.CloseReason);
        var consents = await db.ConsentRecords.AsNoTracking().Where(r => r.ClientId == clientId).OrderBy(r => r.Id)
            .Select(r => new ExportedConsent(r.At, r.Answer, r.Question, r.Language, r.InfoVersion, r.InfoUrl, r.Channel, r.MessageId)).ToListAsync(cancellationToken);
        var messages = await ClientMessages.Of(db, c).AsNoTracking().OrderBy(m => m.Id)
            .Select(m => new ExportedMessage(m.Id, m.CreatedAt, m.Direction, m.Channel, m.Origin, m.Body, m.Status)).ToListAsync(cancellationToken);
        var goals = (await db.Goals.AsNoTracking().Include(g => g.Steps).Where(g => g.ClientId == clientId).OrderBy(g => g.Id).ToListAsync(cancellationToken))
            .Select(g => new ExportedGoal(g.Id, g.Pillar, g.Title, g.Status, g.CreatedAt, [.. g.Steps.OrderBy(s => s.Position).ThenBy(s => s.Id)
                .Select(s => new ExportedStep(s.Id, s.Text, s.DueDate, s.DuePart, s.Status, s.CreatedAt, s.CompletedAt, s.VerifiedAt))])).ToList();
        var checkIns = await db.CheckIns.AsNoTracking().Where(x => x.Step!.Goal!.ClientId == clientId).OrderBy(x => x.PlannedAt)
            .Select(x => new ExportedCheckIn(x.StepId, x.PlannedAt, x.SentAt, x.AnsweredAt, x.Outcome)).ToListAsync(cancellationToken);
        var rewards = await db.RewardEntries.AsNoTracking().Where(r => r.ClientId == clientId).OrderBy(r => r.Id)
            .Select(r => new ExportedReward(r.Kind, r.Points, r.Amount, r.Reason, r.CreatedAt, r.ApprovedAt)).ToListAsync(cancellationToken);
        var flags = await db.Flags.AsNoTracking().Where(f => f.ClientId == clientId).OrderBy(f => f.Id)
            .Select(f => new ExportedFlag(f.Kind, f.Note, f.RaisedAt, f.HandledAt)).ToListAsync(cancellationToken);
        var summaries = await db.Summaries.AsNoTracking().Where(s => s.ClientId == clientId).OrderBy(s => s.PeriodEnd)
            .Select(s => new ExportedSummary(s.PeriodStart, s.PeriodEnd, s.Text)).ToListAsync(cancellationToken);
        return new ClientExport(now, client, consents, messages, goals, checkIns, rewards, flags, summaries, await AccessAsync(clientId, cancellationToken));
    }

    /// <summary>Who read or changed this client's data: staff by first name (ids mean nothing to a client), jobs as "system".</summary>
    private async Task<List<ExportedAccess>> AccessAsync(int clientId, CancellationToken cancellationToken)
    {
        var subject = $"client:{clientId}";
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.Subject == subject).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var actors = entries.Select(a => a.Actor).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => actors.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FirstName ?? "staff", cancellationToken);
        return [.. entries.Select(a => new ExportedAccess(a.At, a.Action.Name(), names.GetValueOrDefault(a.Actor) ?? (a.Actor.StartsWith("system:", StringComparison.Ordinal) ? "system" : "staff"), a.Detail))];
    }
}
