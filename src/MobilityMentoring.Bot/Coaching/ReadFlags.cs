using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Operations;
using MobilityMentoring.Bot.Privacy;

namespace MobilityMentoring.Bot.Coaching;

/// <summary>
/// A mentor reads the open flags of their own client (<c>GET /api/clients/{id}/flags</c>), oldest first. A crisis flag
/// is health data: every read is audit-logged, with where it was read.
/// </summary>
public sealed class ReadFlags(BotDbContext db, TimeProvider time)
{
    public async Task<Outcome<List<Flag>>> RunAsync(ClaimsPrincipal mentor, int clientId, string surface, CancellationToken cancellationToken)
    {
        if (!await db.Clients.OwnedBy(mentor).AnyAsync(c => c.Id == clientId, cancellationToken))
        {
            return Outcome.NotFound<List<Flag>>();
        }

        db.AuditEntries.Add(new AuditEntry { At = time.GetUtcNow(), Actor = mentor.Id(), Action = AuditAction.FlagsView, Subject = $"client:{clientId}", Detail = surface });
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done(await db.Flags.AsNoTracking().Where(f => f.ClientId == clientId && f.HandledAt == null).OrderBy(f => f.RaisedAt).ToListAsync(cancellationToken));
    }
}
