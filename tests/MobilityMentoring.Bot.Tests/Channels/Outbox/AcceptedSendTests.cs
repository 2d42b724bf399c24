using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Channels.Inbound;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Tests.Infrastructure;
using Npgsql;

namespace MobilityMentoring.Bot.Tests.Channels.Outbox;

/// <summary>A database that fails the next write of accepted sends (the batch UPDATE over unnest), once per arming.</summary>
public sealed class BlippingDatabaseAppFactory : TwilioAppFactory
{
    public FailNextRecording Blip { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<PostgresBotDbContext>(o => o.AddInterceptors(Blip)));
    }

    public sealed class FailNextRecording : DbCommandInterceptor
    {
        private int armed;
        private int fired;

        public int Fired => fired;

        public void Arm() => Interlocked.Exchange(ref armed, 1);

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("provider_sid = a.sid", StringComparison.Ordinal) && Interlocked.Exchange(ref armed, 0) == 1)
            {
                Interlocked.Increment(ref fired);
                throw new NpgsqlException("the database went away for a moment (test)");
            }

            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}

public sealed class AcceptedSendTests(BlippingDatabaseAppFactory app) : IClassFixture<BlippingDatabaseAppFactory>
{
    [Fact]
    public async Task A_SID_Twilio_gave_during_a_database_blip_is_recorded_and_the_message_never_sent_again()
    {
        var phone = Phones.Next();
        await app.AddClientAsync(phone);
        app.Blip.Arm();

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
        Assert.Equal(1, app.Blip.Fired);
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
