using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Conversations;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.Channels.Inbound;

public enum InboundOutcome { Processed, Duplicate, StoredForRetry }

/// <summary>
/// Store first, then process: the stored row is the promise that no message is lost. Its provider SID is unique, so
/// a webhook delivered twice is stored once and processed once. A turn that fails leaves the row for the sweeper.
/// </summary>
public sealed partial class InboundMessageReceiver(
    BotDbContext db, TurnProcessor turns, TimeProvider time, ILogger<InboundMessageReceiver> log)
{
    public async Task<InboundOutcome> ReceiveAsync(InboundMessage inbound, CancellationToken cancellationToken)
    {
        var id = await StoreAsync(inbound, cancellationToken);
        if (id is null)
        {
            LogDuplicate(inbound.ProviderSid);
            return InboundOutcome.Duplicate;
        }

        try
        {
            await turns.ProcessInboundAsync(id.Value, inbound.From, cancellationToken);
            return InboundOutcome.Processed;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogTurnFailed(e, id.Value);
            return InboundOutcome.StoredForRetry;
        }
    }

    /// <summary>Inserts the message; returns null when its SID is stored already (the unique index decides, no pre-check).</summary>
    private async Task<long?> StoreAsync(InboundMessage inbound, CancellationToken cancellationToken)
    {
        var message = new Message
        {
            Direction = MessageDirection.Inbound,
            Channel = inbound.Channel,
            From = inbound.From,
            To = inbound.To,
            Body = inbound.Body,
            ProviderSid = inbound.ProviderSid,
            Status = MessageStatus.Received,
            CreatedAt = time.GetUtcNow(),
        };
        db.Messages.Add(message);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return message.Id;
        }
        catch (DbUpdateException)
        {
            db.Entry(message).State = EntityState.Detached;
            if (await db.Messages.AnyAsync(m => m.ProviderSid == inbound.ProviderSid, cancellationToken))
            {
                // The same webhook arrived twice at the same moment; the other request stored it.
                return null;
            }

            throw;
        }
    }

    [LoggerMessage(LogLevel.Information, "Message {MessageSid} arrived again; already stored, not processed twice")]
    private partial void LogDuplicate(string messageSid);

    [LoggerMessage(LogLevel.Error, "Turn for inbound message {MessageId} failed; it stays stored and the sweeper retries it")]
    private partial void LogTurnFailed(Exception exception, long messageId);
}
