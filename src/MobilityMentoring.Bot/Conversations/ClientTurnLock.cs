using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.Conversations;

/// <summary>One turn at a time per client: a second message from the same phone waits until the first turn commits.</summary>
public interface IClientTurnLock
{
    /// <summary>Takes the lock for <paramref name="key"/> inside the current transaction of <paramref name="db"/>.</summary>
    Task<IAsyncDisposable> AcquireAsync(BotDbContext db, string key, CancellationToken cancellationToken);
}

/// <summary>PostgreSQL transaction-scoped advisory lock: works across service instances, released at commit or rollback.</summary>
public sealed class PostgresAdvisoryTurnLock : IClientTurnLock
{
    public async Task<IAsyncDisposable> AcquireAsync(BotDbContext db, string key, CancellationToken cancellationToken)
    {
        var lockId = BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("turn:" + key)), 0);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({lockId})", cancellationToken);
        return NoRelease.Instance;
    }

    private sealed class NoRelease : IAsyncDisposable
    {
        public static readonly NoRelease Instance = new();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>The embedded default runs one process, so an in-memory lock per key does.</summary>
public sealed class InProcessTurnLock : IClientTurnLock
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> locks = new(StringComparer.Ordinal);

    public async Task<IAsyncDisposable> AcquireAsync(BotDbContext db, string key, CancellationToken cancellationToken)
    {
        var semaphore = locks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await semaphore.WaitAsync(cancellationToken);
        return new Release(semaphore);
    }

    private sealed class Release(SemaphoreSlim semaphore) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            semaphore.Release();
            return ValueTask.CompletedTask;
        }
    }
}
