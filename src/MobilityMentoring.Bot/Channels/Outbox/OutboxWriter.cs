using System.Text.Json;
using Microsoft.Extensions.Options;
using MobilityMentoring.Bot.Channels.Twilio;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.Channels.Outbox;

/// <summary>
/// Turns an outgoing activity into an outbox row in the current transaction. Guards every send: nothing to a client
/// who opted out (but the one confirmation), and on WhatsApp outside the 24-hour window only an approved template,
/// else SMS if allowed.
/// </summary>
public sealed partial class OutboxWriter(BotDbContext db, IOptions<TwilioOptions> twilio, ILogger<OutboxWriter> log)
{
    private static readonly TimeSpan WhatsAppWindow = TimeSpan.FromHours(24);
    private readonly List<Message> written = [];

    /// <summary>The rows written since the last call, to be sent as soon as their turn has committed (ids set by then).</summary>
    public IReadOnlyList<long> TakeWrittenIds()
    {
        long[] ids = [.. written.Where(m => m.Status == MessageStatus.Pending && m.Id != 0).Select(m => m.Id)];
        written.Clear();
        return ids;
    }

    public Task AddAsync(Activity activity, Client? client, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var details = activity.ChannelData as OutboundDetails ?? new OutboundDetails();
        if (client?.OptedOutAt is not null && !details.SendEvenIfOptedOut)
        {
            LogSuppressedOptedOut(client.Id);
            return Task.CompletedTask;
        }

        var message = new Message
        {
            ClientId = client?.Id,
            Direction = MessageDirection.Outbound,
            Channel = ChannelIds.ToChannel(activity.ChannelId),
            From = "",
            To = activity.Recipient.Id,
            Body = activity.Text ?? "",
            Origin = details.Origin,
            Status = MessageStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = details.NotBefore, // e.g. a mentor's message written in quiet hours waits for the morning
        };

        if (message.Channel == Channel.WhatsApp && client is not null && !WithinWhatsAppWindow(client, now))
        {
            ApplyTemplateOrFallback(message, client, details);
        }

        message.From = SenderFor(message.Channel);
        db.Messages.Add(message);
        written.Add(message);
        return Task.CompletedTask;
    }

    private static bool WithinWhatsAppWindow(Client client, DateTimeOffset now) =>
        client.LastInboundAt is { } last && now - last < WhatsAppWindow;

    private void ApplyTemplateOrFallback(Message message, Client client, OutboundDetails details)
    {
        var options = twilio.Value;
        if (details.ContentKey is { } key && options.WhatsAppTemplates.TryGetValue(key, out var template))
        {
            message.ContentSid = template.ContentSid;
            message.ContentVariables = JsonSerializer.Serialize(template.Variables
                .Select((name, i) => (Key: (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Value: details.ContentArguments?.GetValueOrDefault(name) ?? ""))
                .ToDictionary(v => v.Key, v => v.Value));
            return;
        }

        if (options.WhatsAppSmsFallback)
        {
            message.Channel = Channel.Sms;
            message.To = client.Phone.Value;
            LogSmsFallback(client.Id, details.ContentKey ?? "(no key)");
            return;
        }

        // Twilio would refuse it with 63016; record that instead of trying.
        message.Status = MessageStatus.Failed;
        message.ErrorCode = TwilioErrorCodes.OutsideWhatsAppWindow;
        LogNotSent(client.Id, details.ContentKey ?? "(no key)");
    }

    private string SenderFor(Channel channel) => channel switch
    {
        Channel.Simulator => "simulator",
        Channel.WhatsApp => twilio.Value.WhatsAppFrom ?? "",
        _ => twilio.Value.SmsFrom ?? "",
    };

    [LoggerMessage(LogLevel.Information, "Not sent to client {ClientId}: opted out")]
    private partial void LogSuppressedOptedOut(int clientId);

    [LoggerMessage(LogLevel.Warning, "WhatsApp window closed for client {ClientId} and no template for {Key}: sending by SMS")]
    private partial void LogSmsFallback(int clientId, string key);

    [LoggerMessage(LogLevel.Warning, "WhatsApp window closed for client {ClientId}, no template for {Key}, SMS fallback off: not sent")]
    private partial void LogNotSent(int clientId, string key);
}
