using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MobilityMentoring.Bot.Channels.Twilio;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.Channels.Outbox;

/// <summary>
/// What a failed send means for the client: a carrier opt-out (21610) is an opt-out; an unreachable number, or
/// several failed deliveries in a row, or a send given up in doubt, raise the "unreachable" flag for the mentor (once,
/// until handled); a crisis answer that did not arrive says so on the crisis flag, so the mentor calls.
/// </summary>
public sealed partial class DeliveryProblems(
    BotDbContext db, IOptions<TwilioOptions> twilio, OutboxSignal signal, ILogger<DeliveryProblems> log)
{
    /// <summary>Failed deliveries in a row that make a client "unreachable".</summary>
    public const int FailuresInARow = 3;

    public async Task OnRefusedAsync(Message message, int code, DateTimeOffset now, CancellationToken cancellationToken)
    {
        message.Status = MessageStatus.Failed;
        message.ErrorCode = code;

        if (message.Channel == Channel.WhatsApp && code == TwilioErrorCodes.OutsideWhatsAppWindow
            && twilio.Value.WhatsAppSmsFallback && message.ClientId is { } clientId)
        {
            // The window closed between queueing and sending: the same words go by SMS as a new outbox row.
            var client = await db.Clients.SingleAsync(c => c.Id == clientId, cancellationToken);
            db.Messages.Add(new Message
            {
                ClientId = clientId, Direction = MessageDirection.Outbound, Channel = Channel.Sms, Origin = message.Origin,
                From = twilio.Value.SmsFrom ?? "", To = client.Phone.Value, Body = message.Body, Status = MessageStatus.Pending,
                CreatedAt = now,
            });
            LogSmsFallback(clientId);

            // The dispatcher saves this row before it claims again, so waking it now sends the SMS without waiting for a poll.
            signal.Notify();
            return;
        }

        await OnFailedDeliveryAsync(message, code, now, cancellationToken);
    }

    public async Task OnFailedDeliveryAsync(Message message, int? code, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (message.ClientId is not { } clientId)
        {
            return;
        }

        if (message.Origin == MessageOrigin.Safety)
        {
            // The helplines did not reach them (after STOP the carrier may refuse, 21610): the mentor must call instead.
            await db.NoteOnOpenFlagAsync(clientId, FlagKinds.Crisis, $"the bot's answer did not arrive (Twilio {code?.ToString(CultureInfo.InvariantCulture) ?? "failed"}): call the client", cancellationToken);
        }

        if (code == TwilioErrorCodes.Unsubscribed)
        {
            await db.Clients.Where(c => c.Id == clientId && c.OptedOutAt == null).ExecuteUpdateAsync(
                s => s.SetProperty(c => c.OptedOutAt, now).SetProperty(c => c.OptedOutVia, message.Channel), cancellationToken);
            await db.RaiseFlagAsync(clientId, FlagKind.OptedOut, "Opted out at the carrier (Twilio 21610)", now, cancellationToken);
            return;
        }

        if ((code is { } c && TwilioErrorCodes.MeansUnreachable(c)) || await FailedInARowAsync(clientId, message.Id, cancellationToken))
        {
            await db.RaiseFlagAsync(clientId, FlagKind.Unreachable, $"Messages do not arrive (last error {code})", now, cancellationToken);
        }
    }

    /// <summary>
    /// A send given up in doubt: Twilio never said whether it has it. The mentor hears it on the "unreachable" flag
    /// (one open flag per client, however many messages), and a crisis answer on the crisis flag.
    /// </summary>
    public async Task OnNeverConfirmedAsync(Message message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (message.ClientId is not { } clientId)
        {
            return;
        }

        if (message.Origin == MessageOrigin.Safety)
        {
            await db.NoteOnOpenFlagAsync(clientId, FlagKinds.Crisis, "the bot's answer may not have arrived (no answer from Twilio): call the client", cancellationToken);
        }

        await db.RaiseFlagAsync(clientId, FlagKind.Unreachable,
            $"A message could not be confirmed as sent (no answer from Twilio, outbox {message.Id.ToString(CultureInfo.InvariantCulture)}): check that messages arrive", now, cancellationToken);
    }

    private async Task<bool> FailedInARowAsync(int clientId, long currentId, CancellationToken cancellationToken)
    {
        var earlier = await db.Messages
            .Where(m => m.ClientId == clientId && m.Direction == MessageDirection.Outbound && m.Id != currentId
                        && m.Status != MessageStatus.Pending && m.Status != MessageStatus.Dispatching)
            .OrderByDescending(m => m.Id)
            .Select(m => m.Status)
            .Take(FailuresInARow - 1)
            .ToListAsync(cancellationToken);
        return earlier.Count == FailuresInARow - 1 && earlier.All(TwilioStatus.IsFailure);
    }

    [LoggerMessage(LogLevel.Warning, "WhatsApp window closed before sending to client {ClientId}: sending by SMS")]
    private partial void LogSmsFallback(int clientId);
}
