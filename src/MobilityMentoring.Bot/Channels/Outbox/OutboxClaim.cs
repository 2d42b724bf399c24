using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.Channels.Outbox;

/// <summary>
/// Takes due outbox rows for this dispatcher: replies and mentor messages first, then bot-started ones, oldest first.
/// On PostgreSQL rows are claimed with SKIP LOCKED, so several service instances never take the same row.
/// After sending, records in one go what Twilio accepted.
/// </summary>
internal static class OutboxClaim
{
    public static async Task<List<ClaimedMessage>> ClaimAsync(BotDbContext db, DateTimeOffset now, int batchSize, CancellationToken cancellationToken)
    {
        List<long> ids;
        if (db.Database.IsNpgsql())
        {
            ids = await db.Database.SqlQuery<long>($"""
                UPDATE messages SET status = 'Dispatching', attempts = attempts + 1, status_updated_at = {now}
                WHERE id IN (
                    SELECT id FROM messages
                    WHERE direction = 'Outbound' AND status = 'Pending' AND (next_attempt_at IS NULL OR next_attempt_at <= {now})
                    ORDER BY CASE WHEN origin = 'Proactive' THEN 1 ELSE 0 END, id
                    LIMIT {batchSize}
                    FOR UPDATE SKIP LOCKED)
                RETURNING id AS "Value"
                """).ToListAsync(cancellationToken);
        }
        else
        {
            // The embedded default is one process: a plain read, then a guarded update.
            ids = await db.Messages
                .Where(m => m.Direction == MessageDirection.Outbound && m.Status == MessageStatus.Pending
                            && (m.NextAttemptAt == null || m.NextAttemptAt <= now))
                .OrderBy(m => m.Origin == MessageOrigin.Proactive ? 1 : 0).ThenBy(m => m.Id)
                .Select(m => m.Id)
                .Take(batchSize)
                .ToListAsync(cancellationToken);
            await MarkDispatchingAsync(db, ids, now, cancellationToken);
        }

        return await LoadAsync(db, ids, cancellationToken);
    }

    /// <summary>
    /// Takes rows a turn has just committed, by id, to send at once. A row waits for the batch loop instead when it is
    /// not due yet, was taken already, or an earlier reply to the same recipient is still unsent or on its way: a
    /// conversation never arrives shuffled. On PostgreSQL this claim commits waiting for the disk, and the log reaches
    /// the disk in order, so the turn that wrote the rows is durable before any of them leaves.
    /// </summary>
    public static async Task<List<ClaimedMessage>> ClaimRepliesAsync(BotDbContext db, long[] replyIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        List<long> ids;
        if (db.Database.IsNpgsql())
        {
            ids = await db.Database.SqlQuery<long>($"""
                UPDATE messages AS m SET status = 'Dispatching', attempts = m.attempts + 1, status_updated_at = {now}
                WHERE m.id = ANY({replyIds}) AND m.direction = 'Outbound' AND m.status = 'Pending'
                  AND (m.next_attempt_at IS NULL OR m.next_attempt_at <= {now})
                  AND NOT EXISTS (
                    SELECT 1 FROM messages e WHERE e.direction = 'Outbound' AND e.status = 'Dispatching'
                      AND e."to" = m."to" AND e.id < m.id)
                  AND NOT EXISTS (
                    SELECT 1 FROM messages e WHERE e.direction = 'Outbound' AND e.status = 'Pending'
                      AND (CASE WHEN e.origin = 'Proactive' THEN 1 ELSE 0 END) = 0
                      AND e."to" = m."to" AND e.id < m.id AND e.id <> ALL({replyIds}))
                RETURNING m.id AS "Value"
                """).ToListAsync(cancellationToken);
        }
        else
        {
            ids = await db.Messages
                .Where(m => replyIds.Contains(m.Id) && m.Direction == MessageDirection.Outbound && m.Status == MessageStatus.Pending
                            && (m.NextAttemptAt == null || m.NextAttemptAt <= now)
                            && !db.Messages.Any(e => e.Direction == MessageDirection.Outbound && e.To == m.To && e.Id < m.Id
                                && (e.Status == MessageStatus.Dispatching
                                    || (e.Status == MessageStatus.Pending && e.Origin != MessageOrigin.Proactive && !replyIds.Contains(e.Id)))))
                .Select(m => m.Id)
                .ToListAsync(cancellationToken);
            await MarkDispatchingAsync(db, ids, now, cancellationToken);
        }

        return await LoadAsync(db, ids, cancellationToken);
    }

    /// <summary>The embedded store's claim, after its read: only rows still Pending are taken.</summary>
    private static Task<int> MarkDispatchingAsync(BotDbContext db, List<long> ids, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Messages.Where(m => ids.Contains(m.Id) && m.Status == MessageStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, MessageStatus.Dispatching)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                .SetProperty(m => m.StatusUpdatedAt, now), cancellationToken);

    private static async Task<List<ClaimedMessage>> LoadAsync(BotDbContext db, List<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        return await db.Messages.Where(m => ids.Contains(m.Id)).OrderBy(m => m.Id)
            .Select(m => new ClaimedMessage(m, db.Clients.Where(c => c.Id == m.ClientId).Select(c => c.OptedOutAt).FirstOrDefault()))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Writes Twilio's SID and status on the accepted rows, in one statement on PostgreSQL. Only rows with no SID yet,
    /// still Dispatching (or Pending: a sweeper took the slow send for one in doubt and queued it again, and the SID is
    /// what keeps it from going twice) change: a status callback that came in first has already moved the row forward,
    /// and a status never moves back.
    /// The rows are found by key (ANY): written as "status = 'Dispatching'", the condition let PostgreSQL use the
    /// partial status index instead, and wade through the index entries of every row sent since the last vacuum.
    /// </summary>
    public static async Task RecordAcceptedAsync(BotDbContext db, IReadOnlyList<Message> accepted, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            long[] ids = [.. accepted.Select(m => m.Id)];
            string?[] sids = [.. accepted.Select(m => m.ProviderSid)];
            string[] statuses = [.. accepted.Select(m => m.Status.ToString())];
            DateTimeOffset?[] sentAt = [.. accepted.Select(m => m.SentAt)];
            DateTimeOffset?[] updatedAt = [.. accepted.Select(m => m.StatusUpdatedAt)];
            await db.Database.ExecuteSqlAsync($"""
                UPDATE messages AS m
                SET provider_sid = a.sid, status = a.status, sent_at = a.sent_at, status_updated_at = a.updated_at
                FROM unnest({ids}, {sids}, {statuses}, {sentAt}, {updatedAt}) AS a(id, sid, status, sent_at, updated_at)
                WHERE m.id = a.id AND m.id = ANY({ids}) AND m.provider_sid IS NULL
                      AND (m.status IS NOT DISTINCT FROM 'Dispatching' OR m.status IS NOT DISTINCT FROM 'Pending')
                """, cancellationToken);
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var message in accepted)
        {
            await db.Messages.Where(m => m.Id == message.Id && m.ProviderSid == null
                                         && (m.Status == MessageStatus.Dispatching || m.Status == MessageStatus.Pending))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.ProviderSid, message.ProviderSid)
                    .SetProperty(m => m.Status, message.Status)
                    .SetProperty(m => m.SentAt, message.SentAt)
                    .SetProperty(m => m.StatusUpdatedAt, message.StatusUpdatedAt), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}

/// <summary>A claimed outbox row, with when its client opted out (if they did), read in the same query.</summary>
internal sealed record ClaimedMessage(Message Message, DateTimeOffset? ClientOptedOutAt);
