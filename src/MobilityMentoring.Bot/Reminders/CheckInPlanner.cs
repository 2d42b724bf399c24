using System.ComponentModel;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.Reminders;

/// <summary>
/// The minutely Hangfire job: clients whose next_contact_at has passed, in batches, each in its own turn. Safe to run
/// twice at once or again after a crash: a handled client is no longer due, and (step, planned moment) is unique.
/// </summary>
public sealed partial class CheckInPlanner(
    BotDbContext db, IServiceScopeFactory scopes, IOptions<ReminderOptions> options, TimeProvider time, ILogger<CheckInPlanner> log)
{
    public const string RecurringId = "checkin-planner";

    [DisplayName("Reminders: check-ins that are due")]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [10, 30, 60])]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var failed = 0;
        while (true)
        {
            var now = time.GetUtcNow();
            var due = await db.Clients.Where(c => c.NextContactAt <= now).OrderBy(c => c.NextContactAt).ThenBy(c => c.Id)
                .Select(c => c.Id).Take(settings.BatchSize).ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                break;
            }

            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken },
                async (clientId, ct) =>
                {
                    if (!await TryClientAsync(clientId, ct))
                    {
                        Interlocked.Increment(ref failed);
                    }
                });

            if (due.Count < settings.BatchSize)
            {
                break;
            }
        }

        if (failed > 0)
        {
            throw new InvalidOperationException($"{failed} client(s) could not be planned; they are tried again in {settings.RetryFailedAfter}.");
        }
    }

    private async Task<bool> TryClientAsync(int clientId, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ReminderTurn>().RunAsync(clientId, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogClientFailed(e, clientId);
            await using var scope = scopes.CreateAsyncScope();
            var later = time.GetUtcNow() + options.Value.RetryFailedAfter;
            await scope.ServiceProvider.GetRequiredService<BotDbContext>().Clients.Where(c => c.Id == clientId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.NextContactAt, later), cancellationToken);
            return false;
        }
    }

    [LoggerMessage(LogLevel.Error, "Planning client {ClientId} failed; trying again later")]
    private partial void LogClientFailed(Exception exception, int clientId);
}
