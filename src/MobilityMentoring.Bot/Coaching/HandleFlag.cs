using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Operations;

namespace MobilityMentoring.Bot.Coaching;

/// <summary>
/// The client's own mentor marks a flag handled ("Afgehandeld" on the client page, <c>POST …/flags/{flagId}/handled</c>);
/// a handled crisis lets check-ins resume. Audit-logged.
/// </summary>
public sealed class HandleFlag(BotDbContext db, TimeProvider time)
{
    public async Task<Outcome<Nothing>> RunAsync(ClaimsPrincipal mentor, int clientId, int flagId, CancellationToken cancellationToken)
    {
        if (!await db.Clients.OwnedBy(mentor).AnyAsync(c => c.Id == clientId, cancellationToken))
        {
            return Outcome.NotFound<Nothing>();
        }

        await db.HandleFlagAsync(clientId, flagId, mentor.Id(), time.GetUtcNow(), cancellationToken);
        return Outcome.Done();
    }
}
