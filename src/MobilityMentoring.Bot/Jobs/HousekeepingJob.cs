using System.ComponentModel;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Privacy;

namespace MobilityMentoring.Bot.Jobs;

/// <summary>Nightly tidy-up. Idempotent: running it twice changes nothing the second time.</summary>
public sealed partial class HousekeepingJob(BotDbContext db, TimeProvider time, ILogger<HousekeepingJob> log)
{
    public const string RecurringId = "housekeeping";

    /// <summary>Ends pauses whose date has passed, so dashboards show the client as active again, and audits it.</summary>
    [DisplayName("Housekeeping: end expired pauses")]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expired = await db.Clients
            .Where(c => c.PausedUntil != null && c.PausedUntil <= now)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);

        foreach (var clientId in expired)
        {
            db.AuditEntries.Add(new AuditEntry
            {
                At = now, Actor = "system:" + RecurringId, Action = AuditAction.PauseEnded, Subject = $"client:{clientId}",
            });
        }

        await db.Clients.Where(c => expired.Contains(c.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.PausedUntil, (DateTimeOffset?)null), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        LogDone(expired.Count);
    }

    [LoggerMessage(LogLevel.Information, "Housekeeping ended {Count} expired pauses")]
    private partial void LogDone(int count);
}
