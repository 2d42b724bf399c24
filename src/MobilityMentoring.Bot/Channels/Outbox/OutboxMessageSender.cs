using System.Globalization;
using Microsoft.Extensions.Options;
using MobilityMentoring.Bot.Channels.Twilio;
using MobilityMentoring.Bot.Privacy;

namespace MobilityMentoring.Bot.Channels.Outbox;

/// <summary>Sends one claimed outbox row and records what happened on it.</summary>
public sealed partial class OutboxMessageSender(
    TwilioRestClient twilio,
    DeliveryProblems problems,
    OutboxMetrics metrics,
    IOptions<TwilioOptions> twilioOptions,
    TimeProvider time,
    ILogger<OutboxMessageSender> log)
{
    internal async Task SendAsync(ClaimedMessage claimed, CancellationToken cancellationToken)
    {
        var message = claimed.Message;
        var now = time.GetUtcNow();

        // Queued before the client said STOP: it must not go. (The STOP confirmation itself is made in that same turn.)
        if (claimed.ClientOptedOutAt is { } optedOut && optedOut > message.CreatedAt)
        {
            message.Status = MessageStatus.Failed;
            message.ErrorCode = TwilioErrorCodes.Unsubscribed;
            message.StatusUpdatedAt = now;
            metrics.Record(message, "opted-out");
            return;
        }

        if (message.Channel == Channel.Simulator || !twilioOptions.Value.IsConfigured)
        {
            // The simulator page reads its messages from the table: handing over is delivering.
            message.Status = MessageStatus.Delivered;
            message.SentAt = now;
            message.StatusUpdatedAt = now;
            metrics.Record(message, "simulator");
            return;
        }

        // Paced per sender inside the client, retries included (TwilioSendPacing).
        var result = await twilio.SendAsync(
            new TwilioSendRequest(message.To, message.From, message.Body, message.ContentSid, message.ContentVariables, StatusCallbackFor(message)),
            cancellationToken);
        now = time.GetUtcNow();

        // In doubt since it was claimed: an in-doubt result changes nothing on the row.
        if (result is not TwilioSendResult.InDoubt)
        {
            message.StatusUpdatedAt = now;
        }

        switch (result)
        {
            case TwilioSendResult.Accepted accepted:
                message.ProviderSid = accepted.Sid;
                message.Status = TwilioStatus.Parse(accepted.Status) ?? MessageStatus.Queued;
                message.SentAt = now;
                metrics.Record(message, "accepted");
                break;

            case TwilioSendResult.Refused refused:
                LogRefused(message.Id, refused.Code, refused.HttpStatus, LogMasker.Mask(refused.Message));
                await problems.OnRefusedAsync(message, refused.Code, now, cancellationToken);
                metrics.Record(message, "refused");
                break;

            case TwilioSendResult.TryLater later when message.Attempts < twilioOptions.Value.MaxSendAttempts:
                message.Status = MessageStatus.Pending;
                message.NextAttemptAt = now + (later.RetryAfter ?? Backoff(message.Attempts));
                LogTryLater(message.Id, later.Reason, message.Attempts);
                metrics.Record(message, "retry-later");
                break;

            case TwilioSendResult.TryLater later:
                message.Status = MessageStatus.Failed;
                LogGaveUp(message.Id, later.Reason, message.Attempts);
                metrics.Record(message, "gave-up");
                break;

            case TwilioSendResult.InDoubt doubt:
                // Stays Dispatching without a SID: a status callback may still tell us Twilio has it; otherwise,
                // after Outbox:InDoubtAfter, InDoubtSends looks it up at Twilio and sends it again only if Twilio has none.
                LogInDoubt(message.Id, doubt.Reason);
                metrics.Record(message, "in-doubt");
                break;
        }
    }

    private string? StatusCallbackFor(Message message) =>
        twilioOptions.Value.PublicBaseUrl is { Length: > 0 } baseUrl
            ? $"{baseUrl.TrimEnd('/')}/twilio/status?outbox={message.Id.ToString(CultureInfo.InvariantCulture)}"
            : null;

    private static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(3600, 15 * Math.Pow(2, attempts - 1)));

    [LoggerMessage(LogLevel.Warning, "Twilio refused outbox message {MessageId}: code {Code} (HTTP {HttpStatus}) {Reason}")]
    private partial void LogRefused(long messageId, int code, int httpStatus, string reason);

    [LoggerMessage(LogLevel.Warning, "Outbox message {MessageId} not sent ({Reason}), attempt {Attempts}; will try again")]
    private partial void LogTryLater(long messageId, string reason, int attempts);

    [LoggerMessage(LogLevel.Error, "Outbox message {MessageId} failed for good after {Attempts} attempts: {Reason}")]
    private partial void LogGaveUp(long messageId, string reason, int attempts);

    [LoggerMessage(LogLevel.Warning, "Outbox message {MessageId} is in doubt ({Reason}); looking it up before it is ever sent again")]
    private partial void LogInDoubt(long messageId, string reason);
}
