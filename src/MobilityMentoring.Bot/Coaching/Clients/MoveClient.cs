using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Operations;
using MobilityMentoring.Bot.Privacy;

namespace MobilityMentoring.Bot.Coaching.Clients;

/// <summary>
/// A coordinator moves a client to another mentor (the case page and <c>POST /api/clients/{id}/mentor</c>): the new
/// mentor sees the whole history, the old one no longer sees the client; a hand-off stays, now the new mentor's.
/// Anyone else finds no client to move. Audit-logged with both mentors.
/// </summary>
public sealed class MoveClient(BotDbContext db, TimeProvider time)
{
    public async Task<Outcome<Client>> RunAsync(ClaimsPrincipal coordinator, int clientId, string? mentorId, CancellationToken cancellationToken)
    {
        if (!coordinator.SeesAllClients()
            || await db.Clients.Real().SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken) is not { } client) // a test client stays its maker's
        {
            return Outcome.NotFound<Client>();
        }

        if (mentorId is null || !await db.IsMentorAsync(mentorId, cancellationToken))
        {
            return Outcome.Invalid<Client>("mentorId", "Name a mentor's account.");
        }

        var from = client.MentorId;
        client.MentorId = mentorId;
        if (client.HandedOffAt is not null)
        {
            client.HandedOffById = mentorId; // the bot stays silent: the new mentor hands back when they are ready
        }
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow(), Actor = coordinator.Id(), Action = AuditAction.ClientMove, Subject = $"client:{clientId}", Detail = $"{from} -> {mentorId}",
        });
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done(client);
    }
}
