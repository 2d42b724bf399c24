using System.ComponentModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MobilityMentoring.Bot.Channels.Twilio;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.DataRights;

/// <summary>
/// Deletes Twilio's copies of erased or expired messages, a batch at a time (every minute). A deletion Twilio cannot
/// do yet (unreachable, a limit, a message still on its way) is tried again later, backing off to once an hour; it is
/// never dropped. Two instances share the queue without doing a deletion twice at once (rows are claimed with SKIP
/// LOCKED on PostgreSQL); a DELETE repeated after a crash is harmless (404 counts as gone).
/// </summary>
public sealed partial class TwilioCopiesJob(BotDbContext db, TwilioRestClient twilio, IOptions<TwilioOptions> options, TimeProvider time, ILogger<TwilioCopiesJob> log)
{
    public const string RecurringId = "twilio-copies";
    public const int BatchSize = 100;

    [DisplayName("Delete Twilio's copies of erased messages")]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.IsConfigured)
        {
            return 0; // nothing ever reached a Twilio account
        }

        var (deleted, waiting) = (0, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var due = await Due(now).ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                break;
            }

            foreach (var deletion in due)
            {
                if (await twilio.DeleteMessageAsync(deletion.MessageSid, cancellationToken))
                {
                    db.TwilioDeletions.Remove(deletion);
                    deleted++;
                }
                else
                {
                    deletion.Attempts++;
                    deletion.NextAttemptAt = now + TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, deletion.Attempts)));
                    waiting++;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (due.Count < BatchSize)
            {
                break;
            }
        }

        if (deleted + waiting > 0)
        {
            LogDone(deleted, waiting);
        }

        return deleted;
    }

    private IQueryable<TwilioDeletion> Due(DateTimeOffset now) => db.Database.IsNpgsql()
        ? db.TwilioDeletions.FromSql($"SELECT * FROM twilio_deletions WHERE next_attempt_at <= {now} ORDER BY id LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
        : db.TwilioDeletions.Where(d => d.NextAttemptAt <= now).OrderBy(d => d.Id).Take(BatchSize);

    [LoggerMessage(LogLevel.Information, "Twilio copies: {Deleted} deleted, {Waiting} to try again later")]
    private partial void LogDone(int deleted, int waiting);
}
