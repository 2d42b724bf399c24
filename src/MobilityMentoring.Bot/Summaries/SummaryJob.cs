using System.ComponentModel;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.Summaries;

/// <summary>
/// Monday 07:00: a summary per active client with a mentor, for the period since the mentor last marked one reviewed
/// (or the last week for a client without one), so the mentor starts the week with it.
/// </summary>
public sealed class SummaryJob(BotDbContext db, SummaryBuilder builder, TimeProvider time)
{
    public const string RecurringId = "weekly-summaries";

    [DisplayName("Summaries: this week's, for every mentor")]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var clients = await db.Clients.AsNoTracking().Where(c => c.ClosedAt == null && c.MentorId != null)
            .Select(c => new { c.Id, Language = c.Mentor!.Language, c.CreatedAt }).ToListAsync(cancellationToken);
        foreach (var client in clients)
        {
            var from = await PeriodStartAsync(db, client.Id, now, cancellationToken);
            db.Summaries.Add(new Summary
            {
                ClientId = client.Id, PeriodStart = from, PeriodEnd = now, CreatedAt = now,
                Text = await builder.BuildAsync(client.Id, from, now, client.Language, cancellationToken),
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Where the next summary starts: the end of the last reviewed one, else a week ago.</summary>
    public static async Task<DateTimeOffset> PeriodStartAsync(BotDbContext db, int clientId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Summaries.Where(s => s.ClientId == clientId && s.ReviewedAt != null)
            .OrderByDescending(s => s.PeriodEnd).Select(s => (DateTimeOffset?)s.PeriodEnd).FirstOrDefaultAsync(cancellationToken)
        ?? now.AddDays(-7);
}
