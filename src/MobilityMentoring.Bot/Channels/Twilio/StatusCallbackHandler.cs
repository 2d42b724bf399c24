using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Channels.Outbox;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.Channels.Twilio;

/// <summary>Applies a delivery status from Twilio to its outbox row, only ever forward.</summary>
public sealed partial class StatusCallbackHandler(BotDbContext db, DeliveryProblems problems, TimeProvider time, ILogger<StatusCallbackHandler> log)
{
    public async Task HandleAsync(string messageSid, MessageStatus status, int? errorCode, long? outboxId, CancellationToken cancellationToken)
    {
        var message = await db.Messages.SingleOrDefaultAsync(m => m.ProviderSid == messageSid, cancellationToken);
        if (message is null && outboxId is { } id)
        {
            // A send that was in doubt: Twilio did take it. Record its SID so it is never sent again.
            message = await db.Messages.SingleOrDefaultAsync(
                m => m.Id == id && m.Direction == MessageDirection.Outbound && m.ProviderSid == null, cancellationToken);
            if (message is not null)
            {
                message.ProviderSid = messageSid;
                message.SentAt ??= time.GetUtcNow();
                if (message.Status is MessageStatus.Dispatching or MessageStatus.Pending)
                {
                    message.Status = MessageStatus.Accepted;
                }
            }
        }

        if (message is null)
        {
            LogUnknown(messageSid);
            return;
        }

        if (TwilioStatus.MovesForward(message.Status, status))
        {
            var now = time.GetUtcNow();
            message.Status = status;
            message.ErrorCode = errorCode ?? message.ErrorCode;
            message.StatusUpdatedAt = now;
            if (TwilioStatus.IsFailure(status))
            {
                await problems.OnFailedDeliveryAsync(message, errorCode, now, cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(LogLevel.Information, "Status callback for a message we do not know ({MessageSid}); ignored")]
    private partial void LogUnknown(string messageSid);
}
