using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Channels.Outbox;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.Channels.Twilio;

/// <summary>
/// Applies a delivery status from Twilio to its outbox row, only ever forward. The move is one conditional UPDATE
/// ("where the status is one this may follow"), so callbacks for one message racing each other end on the highest
/// status: a read-then-write could let the slower, lower one win.
/// </summary>
public sealed partial class StatusCallbackHandler(BotDbContext db, DeliveryProblems problems, TimeProvider time, ILogger<StatusCallbackHandler> log)
{
    public async Task HandleAsync(string messageSid, MessageStatus status, int? errorCode, long? outboxId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (outboxId is { } id)
        {
            await RecordSidOfSendInDoubtAsync(id, messageSid, now, cancellationToken);
        }

        var failure = TwilioStatus.IsFailure(status);
        await using var transaction = failure ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var movesFrom = TwilioStatus.MayMoveTo(status);
        var moved = await db.Messages
            .Where(m => m.ProviderSid == messageSid && m.Direction == MessageDirection.Outbound && movesFrom.Contains(m.Status))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, status)
                .SetProperty(m => m.ErrorCode, m => errorCode ?? m.ErrorCode)
                .SetProperty(m => m.StatusUpdatedAt, now), cancellationToken);

        if (moved == 0)
        {
            if (!await db.Messages.AnyAsync(m => m.ProviderSid == messageSid, cancellationToken))
            {
                LogUnknown(messageSid);
            }

            return;
        }

        if (failure)
        {
            var message = await db.Messages.AsNoTracking().SingleAsync(m => m.ProviderSid == messageSid, cancellationToken);
            await problems.OnFailedDeliveryAsync(message, errorCode, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction!.CommitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// A send that was in doubt (or was given up in doubt): Twilio did take it. Its SID is recorded so it is never sent
    /// again; a row given up in doubt is no longer failed.
    /// </summary>
    private Task<int> RecordSidOfSendInDoubtAsync(long id, string messageSid, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Messages
            .Where(m => m.Id == id && m.Direction == MessageDirection.Outbound && m.ProviderSid == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.ProviderSid, messageSid)
                .SetProperty(m => m.SentAt, m => m.SentAt ?? now)
                .SetProperty(m => m.Status, m => m.Status == MessageStatus.Dispatching || m.Status == MessageStatus.Pending
                                                 || (m.Status == MessageStatus.Failed && m.ErrorCode == InDoubtSends.NeverConfirmed)
                    ? MessageStatus.Accepted
                    : m.Status)
                .SetProperty(m => m.ErrorCode, m => m.Status == MessageStatus.Failed && m.ErrorCode == InDoubtSends.NeverConfirmed ? null : m.ErrorCode),
                cancellationToken);

    [LoggerMessage(LogLevel.Information, "Status callback for a message we do not know ({MessageSid}); ignored")]
    private partial void LogUnknown(string messageSid);
}
