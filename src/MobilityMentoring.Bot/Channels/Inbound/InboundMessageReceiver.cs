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
        var message = await StoreAsync(inbound, cancellationToken);
        if (message is null)
        {
            LogDuplicate(inbound.ProviderSid);
            return InboundOutcome.Duplicate;
        }

        try
        {
            await turns.ProcessInboundAsync(message, cancellationToken);
            return InboundOutcome.Processed;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogTurnFailed(Privacy.ScrubbedException.From(e), message.Id);
            return InboundOutcome.StoredForRetry;
        }
    }

    /// <summary>
    /// Inserts the message and commits; returns null when its SID is stored already. The unique index decides, in the
    /// database (no pre-check, no failed insert): of two copies of one webhook arriving together, one is stored.
    /// </summary>
    private async Task<Message?> StoreAsync(InboundMessage inbound, CancellationToken cancellationToken)
    {
        var message = new Message
        {
            Direction = MessageDirection.Inbound,
            Channel = inbound.Channel,
            From = inbound.From,
            To = inbound.To,
            Body = inbound.Body,
            ProviderSid = inbound.ProviderSid,
            Origin = MessageOrigin.Reply,
            Status = MessageStatus.Received,
            CreatedAt = time.GetUtcNow(),
        };

        var ids = await db.Database.SqlQuery<long>($"""
            INSERT INTO messages (direction, channel, "from", "to", body, provider_sid, origin, status, attempts, created_at)
            VALUES ({Column(nameof(Message.Direction), message.Direction)}, {Column(nameof(Message.Channel), message.Channel)},
                    {message.From}, {message.To}, {message.Body}, {message.ProviderSid},
                    {Column(nameof(Message.Origin), message.Origin)}, {Column(nameof(Message.Status), message.Status)}, 0,
                    {Column(nameof(Message.CreatedAt), message.CreatedAt)})
            ON CONFLICT (provider_sid) DO NOTHING
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return null;
        }

        message.Id = ids[0];
        return message;
    }

    private object? Column(string property, object value) => db.ToColumn<Message>(property, value);

    [LoggerMessage(LogLevel.Information, "Message {MessageSid} arrived again; already stored, not processed twice")]
    private partial void LogDuplicate(string messageSid);

    [LoggerMessage(LogLevel.Error, "Turn for inbound message {MessageId} failed; it stays stored and the sweeper retries it")]
    private partial void LogTurnFailed(Exception exception, long messageId);
}
