using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Data;
using Npgsql;

namespace MobilityMentoring.Bot.Conversations;

/// <summary>One turn at a time per client: a second message from the same phone waits until the first turn commits.</summary>
public interface IClientTurnLock
{
    /// <summary>Takes the lock for <paramref name="key"/> inside the current transaction of <paramref name="db"/>.</summary>
    Task<IAsyncDisposable> AcquireAsync(BotDbContext db, string key, CancellationToken cancellationToken);

    /// <summary>
    /// Starts an inbound turn in the current transaction of <paramref name="db"/>: lets it commit without waiting for the
    /// disk where the store can (why that is safe: <see cref="TurnProcessor.ProcessInboundAsync(Channels.Message, CancellationToken)"/>),
    /// takes the lock for <paramref name="key"/>, then tells whether inbound message <paramref name="messageId"/> is still
    /// waiting (Received): read after the lock is granted, so a turn that processed it meanwhile (the sweeper, another
    /// instance) is seen.
    /// </summary>
    Task<(bool StillWaiting, IAsyncDisposable Release)> StartInboundTurnAsync(
        BotDbContext db, string key, long messageId, CancellationToken cancellationToken);

    /// <summary>Takes the locks of <paramref name="keys"/> that are free right now, without waiting; returns which it took.</summary>
    Task<(IReadOnlySet<string> Locked, IAsyncDisposable Release)> TryAcquireManyAsync(
        BotDbContext db, IReadOnlyList<string> keys, CancellationToken cancellationToken);
}

/// <summary>PostgreSQL transaction-scoped advisory lock: works across service instances, released at commit or rollback.</summary>
public sealed class PostgresAdvisoryTurnLock : IClientTurnLock
{
    public async Task<IAsyncDisposable> AcquireAsync(BotDbContext db, string key, CancellationToken cancellationToken)
    {
        var lockId = LockId(key);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({lockId})", cancellationToken);
        return NoRelease.Instance;
    }

    /// <summary>
    /// One round trip: PostgreSQL runs the statements of a batch one after the other, each with its own snapshot, so the
    /// read starts once the lock is granted. (Every inbound turn takes this path: a round trip less is CPU on both sides.)
    /// SET LOCAL, never SET: the setting ends with this transaction, so the pooled connection's next one waits again.
    /// </summary>
    public async Task<(bool StillWaiting, IAsyncDisposable Release)> StartInboundTurnAsync(
        BotDbContext db, string key, long messageId, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("An inbound turn starts inside the turn's transaction.");
        await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1)") { Parameters = { new() { Value = LockId(key) } } },
                new NpgsqlBatchCommand("SELECT status FROM messages WHERE id = $1") { Parameters = { new() { Value = messageId } } },
                new NpgsqlBatchCommand("SET LOCAL synchronous_commit TO OFF"), // counts at commit; returns no result set
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var stillWaiting = await reader.ReadAsync(cancellationToken) && reader.GetString(0) == nameof(MessageStatus.Received);
        return (stillWaiting, NoRelease.Instance);
    }

    public async Task<(IReadOnlySet<string> Locked, IAsyncDisposable Release)> TryAcquireManyAsync(
        BotDbContext db, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var ids = keys.Select(LockId).ToArray();
        var keyArray = keys.ToArray();
        var locked = await db.Database.SqlQuery<string>($"""
            SELECT k.key AS "Value" FROM unnest({keyArray}::text[], {ids}::bigint[]) AS k(key, id)
            WHERE pg_try_advisory_xact_lock(k.id)
            """).ToListAsync(cancellationToken);
        return (locked.ToHashSet(StringComparer.Ordinal), NoRelease.Instance);
    }

    private static long LockId(string key) => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("turn:" + key)), 0);

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

    /// <summary>SQLite commits as it is configured; the lock and the check are two steps in one process.</summary>
    public async Task<(bool StillWaiting, IAsyncDisposable Release)> StartInboundTurnAsync(
        BotDbContext db, string key, long messageId, CancellationToken cancellationToken)
    {
        var release = await AcquireAsync(db, key, cancellationToken);
        try
        {
            var status = await db.Messages.Where(m => m.Id == messageId).Select(m => (MessageStatus?)m.Status).SingleOrDefaultAsync(cancellationToken);
            return (status == MessageStatus.Received, release);
        }
        catch
        {
            await release.DisposeAsync();
            throw;
        }
    }

    public Task<(IReadOnlySet<string> Locked, IAsyncDisposable Release)> TryAcquireManyAsync(
        BotDbContext db, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var taken = keys.Distinct(StringComparer.Ordinal)
            .Select(key => (Key: key, Semaphore: locks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1))))
            .Where(l => l.Semaphore.Wait(0)).ToList();
        return Task.FromResult<(IReadOnlySet<string>, IAsyncDisposable)>(
            (taken.Select(l => l.Key).ToHashSet(StringComparer.Ordinal), new Release([.. taken.Select(l => l.Semaphore)])));
    }

    private sealed class Release(params SemaphoreSlim[] semaphores) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            foreach (var semaphore in semaphores)
            {
                semaphore.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}
