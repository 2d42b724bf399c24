using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Operations;
using MobilityMentoring.Bot.Privacy;

namespace MobilityMentoring.Bot.Conversations;

/// <summary>
/// The client's own mentor takes the conversation over (the bot stays silent; STOP, START and the crisis net still
/// work) or hands it back to the bot (check-ins resume). The client page and <c>POST /api/clients/{id}/handoff</c>.
/// </summary>
public sealed class HandOff(BotDbContext db, TimeProvider time)
{
    public async Task<Outcome<Nothing>> RunAsync(ClaimsPrincipal mentor, int clientId, bool toMentor, CancellationToken cancellationToken)
    {
        if (await db.Clients.OwnedBy(mentor).SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken) is not { } client)
        {
            return Outcome.NotFound<Nothing>();
        }

        var now = time.GetUtcNow();
        var mentorId = mentor.Id();
        client.HandedOffAt = toMentor ? now : null;
        client.HandedOffById = toMentor ? mentorId : null;
        if (!toMentor)
        {
            client.NextContactAt = now; // the planner picks the check-ins up again
        }

        db.AuditEntries.Add(new AuditEntry { At = now, Actor = mentorId, Action = toMentor ? AuditAction.HandOffTake : AuditAction.HandOffReturn, Subject = $"client:{clientId}" });
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done();
    }
}
