using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Operations;
using MobilityMentoring.Bot.Privacy;

namespace MobilityMentoring.Bot.Conversations;

/// <summary>
/// A mentor reads the conversation with their own client (the client page and <c>GET /api/clients/{id}/transcript</c>),
/// oldest first, the last <c>take</c> messages. It is health data: every read is audit-logged, with where it was read.
/// </summary>
public sealed class ReadTranscript(BotDbContext db, TimeProvider time)
{
    public async Task<Outcome<List<Message>>> RunAsync(ClaimsPrincipal mentor, int clientId, string surface, int take, CancellationToken cancellationToken)
    {
        if (!await db.Clients.OwnedBy(mentor).AnyAsync(c => c.Id == clientId, cancellationToken))
        {
            return Outcome.NotFound<List<Message>>();
        }

        db.AuditEntries.Add(new AuditEntry { At = time.GetUtcNow(), Actor = mentor.Id(), Action = AuditAction.TranscriptView, Subject = $"client:{clientId}", Detail = surface });
        await db.SaveChangesAsync(cancellationToken);
        var newestFirst = await db.Messages.AsNoTracking().Where(m => m.ClientId == clientId).OrderByDescending(m => m.Id).Take(take).ToListAsync(cancellationToken);
        newestFirst.Reverse();
        return Outcome.Done(newestFirst);
    }
}
