using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Channels.Inbound;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Channels.Outbox;

/// <summary>Issue 16: what Twilio took is written down even when the database blips at that moment.</summary>
public sealed class AcceptedSendTests(FaultyDatabaseAppFactory app) : IClassFixture<FaultyDatabaseAppFactory>
{
    /// <summary>The write of accepted sends (the batch UPDATE over unnest).</summary>
    private const string RecordingAccepted = "provider_sid = a.sid";

    [Fact]
    public async Task A_SID_Twilio_gave_during_a_database_blip_is_recorded_and_the_message_never_sent_again()
    {
        var phone = Phones.Next();
        await app.AddClientAsync(phone);
        app.Faults.FailNext(RecordingAccepted);

        await app.ReceiveAsync(phone, "Hoi");
        var sent = await app.Twilio.WaitForMessageToAsync(phone);

        var reply = await Eventually.GetAsync(
            async () =>
            {
                await using var scope = app.NewScope();
                return await scope.Db.Messages.SingleOrDefaultAsync(m => m.To == phone);
            },
            m => m.ProviderSid is not null,
            "the reply's SID to be recorded after the blip");
        Assert.Equal(1, app.Faults.Fired(RecordingAccepted));
        Assert.Equal(sent.Sid, reply.ProviderSid);

        // Long past Outbox:InDoubtAfter: nothing is in doubt, nothing goes twice.
        for (var minute = 0; minute < 10; minute++)
        {
            app.Time.Advance(TimeSpan.FromMinutes(1));
            await using var scope = app.NewScope();
            await scope.Services.GetRequiredService<MessageSweeper>().SweepAsync(MessageSweeper.StuckAfter, CancellationToken.None);
        }

        Assert.Single(app.Twilio.Requests, r => r.Form["To"] == phone);
        Assert.Empty(app.Twilio.Lookups);
    }
}
