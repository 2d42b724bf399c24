using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Channels.Outbox;

namespace MobilityMentoring.Bot.Tests.Channels.Outbox;

public sealed class OutboxMetricsTests
{
    [Fact]
    public void Accepted_SMS_count_their_segments_by_encoding()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        var metrics = new OutboxMetrics(meterFactory);
        var measured = new List<(string Instrument, long Value, string Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this test's meter: the dispatchers of tests running alongside record on meters of the same name.
            if (instrument.Meter.Name == OutboxMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measured.Add((instrument.Name, value, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}")))));
        listener.Start();

        metrics.Record(Sms(new string('a', 161)), "accepted");
        metrics.Record(Sms("financiële hulp"), "accepted");
        metrics.Record(Sms("niet verstuurd"), "refused");

        Assert.Contains(("mmb.outbox.sms_segments", 2L, "encoding=gsm7"), measured);
        Assert.Contains(("mmb.outbox.sms_segments", 1L, "encoding=ucs2"), measured);
        Assert.Equal(2, measured.Count(m => m.Instrument == "mmb.outbox.sms_segments"));
        Assert.Contains(("mmb.outbox.messages", 1L, "channel=sms,outcome=refused"), measured);
    }

    private static Message Sms(string body) => new()
    {
        Direction = MessageDirection.Outbound, Channel = Channel.Sms, From = "+3197010000001", To = "+31612345678", Body = body,
    };
}
