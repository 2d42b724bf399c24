using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Conversations;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.Channels.Inbound;

public enum InboundOutcome
{
    /// <summary>Stored and its turn has run.</summary>
    Processed,

    /// <summary>Stored before (the same SID came again): nothing more to do.</summary>
    Duplicate,

    /// <summary>Stored; its turn failed and the sweeper runs it again.</summary>
    StoredForRetry,

    /// <summary>Stored; its turn runs in the background because every turn slot was busy.</summary>
    Queued,

    /// <summary>The database could not take it: the sender must be answered without it.</summary>
    NotStored,
}

/// <summary>
/// Store first, then process: the stored row is the promise that no message is lost. Its provider SID is unique, so
/// a webhook delivered twice is stored once and processed once. A turn that fails leaves the row for the sweeper.
/// </summary>
public sealed partial class InboundMessageReceiver(
    BotDbContext db, TurnProcessor turns, InboundTurns slots, TimeProvider time, ILogger<InboundMessageReceiver> log)
{
    /// <summary>
    /// Waits between tries to store, on the wall clock (a database restart takes about a second; coaching time is moved
    /// by hand in tests). Storing is safe to repeat: the SID decides.
    /// </summary>
    private static readonly TimeSpan[] StoreRetryDelays = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(1500)];

    public async Task<InboundOutcome> ReceiveAsync(InboundMessage inbound, CancellationToken cancellationToken)
    {
        var stored = await TryStoreAsync(inbound, cancellationToken);
        if (stored is null)
        {
            return InboundOutcome.NotStored;
        }

        if (stored.Value.Message is not { } message)
        {
            LogDuplicate(inbound.ProviderSid);
            return InboundOutcome.Duplicate;
        }

        using var slot = await slots.TryTakeSlotAsync(CancellationToken.None); // stored: a hang-up must not leave it for the sweeper
        if (slot is null)
        {
            slots.RunLater(message.Id);
            return InboundOutcome.Queued;
        }

        try
        {
            // Stored: the sender hanging up no longer matters, so the turn runs to its end.
            await turns.ProcessInboundAsync(message, CancellationToken.None);
            return InboundOutcome.Processed;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogTurnFailed(Privacy.ScrubbedException.From(e), message.Id);
            return InboundOutcome.StoredForRetry;
        }
    }

    /// <summary>Null when the database could not store it after a few tries (it is down or restarting).</summary>
    private async Task<Stored?> TryStoreAsync(InboundMessage inbound, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new Stored(await slots.StoreAsync(() => StoreAsync(inbound, cancellationToken), cancellationToken));
            }
            catch (Exception e) when (IsOutage(e) && !cancellationToken.IsCancellationRequested)
            {
                if (attempt == StoreRetryDelays.Length)
                {
                    LogNotStored(e, inbound.ProviderSid);
                    return null;
                }

                await Task.Delay(StoreRetryDelays[attempt], TimeProvider.System, cancellationToken);
            }
        }
    }

    /// <summary>The database cannot be reached or is going down: not a bad message (that would fail the same way again).</summary>
    private static bool IsOutage(Exception e) => e is DbException or TimeoutException
        || (e is InvalidOperationException && e.InnerException is DbException or TimeoutException or System.Net.Sockets.SocketException);

    /// <summary>Stored, or (a null message) stored before.</summary>
    private readonly record struct Stored(Message? Message);

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

    /// <summary>The line an operator's alert watches for (event name IntakeNotStored): the sender got the static reply.</summary>
    [LoggerMessage(EventId = 1601, EventName = "IntakeNotStored", Level = LogLevel.Critical,
        Message = "Could not store inbound message {MessageSid}: the database is unreachable; the sender got the static reply")]
    private partial void LogNotStored(Exception exception, string messageSid);
}
