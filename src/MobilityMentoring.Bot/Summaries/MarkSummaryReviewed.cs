using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Operations;

namespace MobilityMentoring.Bot.Summaries;

/// <summary>"Gelezen": the client's own mentor read the summary; the next one starts from now (client page and API).</summary>
public sealed class MarkSummaryReviewed(BotDbContext db, SummaryBuilder summaries, TimeProvider time)
{
    public async Task<Outcome<Nothing>> RunAsync(ClaimsPrincipal mentor, int clientId, CancellationToken cancellationToken)
    {
        if (!await db.Clients.OwnedBy(mentor).AnyAsync(c => c.Id == clientId, cancellationToken))
        {
            return Outcome.NotFound<Nothing>();
        }

        var mentorId = mentor.Id();
        var language = await db.Users.Where(u => u.Id == mentorId).Select(u => u.Language).SingleOrDefaultAsync(cancellationToken) ?? "nl";
        await summaries.MarkReviewedAsync(clientId, time.GetUtcNow(), language, cancellationToken);
        return Outcome.Done();
    }
}
