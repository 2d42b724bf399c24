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

            await Parallel.ForEachAsync(due.Chunk(settings.TurnBatchSize),
                new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken },
                async (chunk, ct) => Interlocked.Add(ref failed, await RunChunkAsync(chunk, ct)));

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

    /// <summary>The chunk in one transaction; if that fails, client by client, so one broken client holds up nobody. Returns failures.</summary>
    private async Task<int> RunChunkAsync(int[] clientIds, CancellationToken cancellationToken)
    {
        if (await TryAsync(clientIds, cancellationToken))
        {
            return 0;
        }

        if (clientIds.Length == 1)
        {
            return 1;
        }

        var failed = 0;
        foreach (var clientId in clientIds)
        {
            if (!await TryAsync([clientId], cancellationToken))
            {
                failed++;
            }
        }

        return failed;
    }

    private async Task<bool> TryAsync(int[] clientIds, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ReminderTurn>().RunAsync(clientIds, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogChunkFailed(e, clientIds.Length, clientIds[0]);
            if (clientIds.Length == 1)
            {
                await using var scope = scopes.CreateAsyncScope();
                var later = time.GetUtcNow() + options.Value.RetryFailedAfter;
                await scope.ServiceProvider.GetRequiredService<BotDbContext>().Clients.Where(c => c.Id == clientIds[0])
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.NextContactAt, later), cancellationToken);
            }

            return false;
        }
    }

    [LoggerMessage(LogLevel.Error, "Planning {Count} client(s) from {ClientId} on failed; a single client is tried again later")]
    private partial void LogChunkFailed(Exception exception, int count, int clientId);
}
