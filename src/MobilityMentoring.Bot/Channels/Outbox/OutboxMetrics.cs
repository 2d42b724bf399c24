using System.Diagnostics.Metrics;

namespace MobilityMentoring.Bot.Channels.Outbox;

/// <summary>
/// What the dispatcher hands over, for dashboards and alerts (System.Diagnostics.Metrics; any OpenTelemetry exporter
/// can read the meter): messages per channel and outcome, and SMS segments per encoding, which is what Twilio bills.
/// </summary>
public sealed class OutboxMetrics
{
    public const string MeterName = "MobilityMentoring.Bot.Outbox";

    private readonly Counter<long> messages;
    private readonly Counter<long> segments;

    public OutboxMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        messages = meter.CreateCounter<long>("mmb.outbox.messages", "{message}", "Outgoing messages by channel and outcome");
        segments = meter.CreateCounter<long>("mmb.outbox.sms_segments", "{segment}", "SMS segments handed to Twilio, by encoding");
    }

    public void Record(Message message, string outcome)
    {
        var channel = new KeyValuePair<string, object?>("channel", ChannelIds.For(message.Channel));
        messages.Add(1, channel, new KeyValuePair<string, object?>("outcome", outcome));
        if (outcome == "accepted" && message.Channel == Channel.Sms)
        {
            var count = SmsSegments.Count(message.Body);
            segments.Add(count.Segments, new KeyValuePair<string, object?>("encoding", count.Encoding == SmsEncoding.Gsm7 ? "gsm7" : "ucs2"));
        }
    }
}
