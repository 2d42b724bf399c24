using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Operations;
using MobilityMentoring.Bot.Privacy;

namespace MobilityMentoring.Bot.Summaries;

public sealed record SummaryRead(DateTimeOffset From, DateTimeOffset To, string Text);

/// <summary>
/// A mentor reads the summary of their own client since the last review (<c>GET /api/clients/{id}/summary</c>), in the
/// mentor's language. It tells of the conversation: every read is audit-logged, with where it was read.
/// </summary>
public sealed class ReadSummary(BotDbContext db, SummaryBuilder summaries, TimeProvider time)
{
    public async Task<Outcome<SummaryRead>> RunAsync(ClaimsPrincipal mentor, int clientId, string surface, CancellationToken cancellationToken)
    {
        if (!await db.Clients.OwnedBy(mentor).AnyAsync(c => c.Id == clientId, cancellationToken))
        {
            return Outcome.NotFound<SummaryRead>();
        }

        var now = time.GetUtcNow();
        var mentorId = mentor.Id();
        db.AuditEntries.Add(new AuditEntry { At = now, Actor = mentorId, Action = AuditAction.SummaryView, Subject = $"client:{clientId}", Detail = surface });
        await db.SaveChangesAsync(cancellationToken);
        var language = await db.Users.Where(u => u.Id == mentorId).Select(u => u.Language).SingleOrDefaultAsync(cancellationToken) ?? "nl";
        var (from, text) = await summaries.SinceLastReviewAsync(clientId, now, language, cancellationToken);
        return Outcome.Done(new SummaryRead(from, now, text));
    }
}
