using System.ComponentModel;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Privacy;

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
            var due = await db.Clients.Where(c => c.NextContactAt <= now && c.PlanningParkedAt == null).OrderBy(c => c.NextContactAt).ThenBy(c => c.Id)
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
            throw new InvalidOperationException(
                $"{failed} client(s) could not be planned; they are tried again in {settings.RetryFailedAfter}, or parked after {settings.ParkAfterFailures} failures.");
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
        // A cancellation the job did not ask for (a timeout inside a turn) is this chunk's failure, not the run's.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogChunkFailed(ScrubbedException.From(e), clientIds.Length, clientIds[0]);
            if (clientIds.Length == 1)
            {
                await RecordFailureAsync(clientIds[0], cancellationToken);
            }

            return false;
        }
    }

    /// <summary>
    /// Tries the client again later; after <see cref="ReminderOptions.ParkAfterFailures"/> failures in a row parks them
    /// and flags their mentor, once: retrying a client that fails every time would fail (and log) every 10 minutes forever.
    /// </summary>
    private async Task RecordFailureAsync(int clientId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var now = time.GetUtcNow();
        var later = now + options.Value.RetryFailedAfter;
        var parkAfter = options.Value.ParkAfterFailures;
        await store.Clients.Where(c => c.Id == clientId).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.NextContactAt, later)
            .SetProperty(c => c.PlanningFailures, c => c.PlanningFailures + 1), cancellationToken);
        var parked = await store.Clients
            .Where(c => c.Id == clientId && c.PlanningFailures >= parkAfter && c.PlanningParkedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.PlanningParkedAt, now), cancellationToken);
        if (parked == 0)
        {
            return;
        }

        LogParked(clientId, parkAfter);
        var note = $"Check-ins stopped: planning them failed {parkAfter} times. Marking this flag handled resumes them.";
        await store.RaiseOrNoteFlagAsync(clientId, FlagKind.Help, note, now, cancellationToken);

        await store.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(LogLevel.Error, "Planning {Count} client(s) from {ClientId} on failed; a single client is tried again later")]
    private partial void LogChunkFailed(Exception exception, int count, int clientId);

    [LoggerMessage(LogLevel.Error, "Planning client {ClientId} failed {Failures} times in a row; parked until their mentor handles the flag")]
    private partial void LogParked(int clientId, int failures);
}
