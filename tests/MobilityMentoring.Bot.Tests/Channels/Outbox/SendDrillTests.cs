using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Channels.Inbound;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Channels.Outbox;

/// <summary>
/// Twilio with a one-second answer timeout (the drills' 11 s against the default 10 s, scaled down) and a pace of ten
/// messages a second per sender, so a burst beyond the pace shows.
/// </summary>
public sealed class DrillAppFactory : TwilioAppFactory
{
    public const int MessagesPerSecond = 10;

    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(1);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        WithSetting("Twilio:RequestTimeout", RequestTimeout.ToString());
        WithSetting("Twilio:MessagesPerSecond", MessagesPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>The sending drills: a Twilio that answers late, fails after making the message, or says 429 a lot.</summary>
public sealed class SendDrillTests(DrillAppFactory app) : IClassFixture<DrillAppFactory>
{
    [Fact]
    public async Task A_Twilio_that_answers_after_the_timeout_with_no_callbacks_gets_each_message_exactly_once_in_ten_minutes()
    {
        var phones = new[] { Phones.Next(), Phones.Next(), Phones.Next() };
        foreach (var phone in phones)
        {
            await app.AddClientAsync(phone);
        }

        app.Twilio.AnswerCreatesAfter = DrillAppFactory.RequestTimeout * 1.5;
        try
        {
            await Task.WhenAll(phones.Select(phone => app.ReceiveAsync(phone, "Hoi")));
            foreach (var phone in phones)
            {
                await app.Twilio.WaitForMessageToAsync(phone);
            }

            await SweepEveryMinuteAsync(TimeSpan.FromMinutes(10));

            foreach (var phone in phones)
            {
                var reply = await SettledReplyToAsync(phone);
                var sent = Assert.Single(app.Twilio.Requests, r => r.Form["To"] == phone);
                Assert.Equal((sent.Sid, MessageStatus.Queued), (reply.ProviderSid, reply.Status));
            }

            Assert.NotEmpty(app.Twilio.Lookups);
        }
        finally
        {
            app.Twilio.AnswerCreatesAfter = null;
        }
    }

    [Fact]
    public async Task A_502_after_Twilio_made_the_message_sends_no_duplicate()
    {
        var phone = Phones.Next();
        await app.AddClientAsync(phone);
        app.Twilio.CreateThenFailNext(502);

        await app.ReceiveAsync(phone, "Hoi");
        var made = await app.Twilio.WaitForMessageToAsync(phone);
        await SweepEveryMinuteAsync(TimeSpan.FromMinutes(10));

        var reply = await SettledReplyToAsync(phone);
        Assert.Single(app.Twilio.Requests, r => r.Form["To"] == phone);
        Assert.Equal(made.Sid, reply.ProviderSid);
    }

    [Fact]
    public async Task A_connection_dropped_after_Twilio_made_the_message_sends_no_duplicate()
    {
        var phone = Phones.Next();
        await app.AddClientAsync(phone);
        app.Twilio.CreateThenDropNext();

        await app.ReceiveAsync(phone, "Hoi");
        var made = await app.Twilio.WaitForMessageToAsync(phone);
        await SweepEveryMinuteAsync(TimeSpan.FromMinutes(10));

        var reply = await SettledReplyToAsync(phone);
        Assert.Single(app.Twilio.Requests, r => r.Form["To"] == phone);
        Assert.Equal(made.Sid, reply.ProviderSid);
    }

    [Fact]
    public async Task A_502_before_Twilio_made_the_message_is_looked_up_then_sent_once_more()
    {
        var phone = Phones.Next();
        await app.AddClientAsync(phone);
        app.Twilio.FailNext(502);

        await app.ReceiveAsync(phone, "Hoi");
        await app.Twilio.WaitForRequestsToAsync(phone, 1);
        await SweepEveryMinuteAsync(TimeSpan.FromMinutes(3));
        await app.Twilio.WaitForMessageToAsync(phone);
        var reply = await SettledReplyToAsync(phone);
        await SweepEveryMinuteAsync(TimeSpan.FromMinutes(7));

        var made = Assert.Single(app.Twilio.Accepted, r => r.Form["To"] == phone);
        Assert.Equal(2, app.Twilio.Requests.Count(r => r.Form["To"] == phone));
        Assert.Equal(made.Sid, reply.ProviderSid);
    }

    [Fact]
    public async Task A_429_storm_sends_each_message_exactly_once_within_the_senders_pace()
    {
        var phones = Enumerable.Range(0, 6).Select(_ => Phones.Next()).ToList();
        foreach (var phone in phones)
        {
            await app.AddClientAsync(phone);
        }

        for (var i = 0; i < 2 * phones.Count; i++)
        {
            app.Twilio.FailNext(429, 20429);
        }

        await Task.WhenAll(phones.Select(phone => app.ReceiveAsync(phone, "Hoi")));

        // A message that meets more 429s than the client retries goes back to the outbox for a later try (coaching
        // time): let that time pass until every message is through.
        for (var minute = 0; minute < 10 && phones.Any(phone => !app.Twilio.Accepted.Any(r => r.Form["To"] == phone)); minute++)
        {
            var before = app.Twilio.Accepted.Count;
            app.Time.Advance(TimeSpan.FromMinutes(1));
            try
            {
                await app.Twilio.WaitForAcceptedAsync(before + 1, TimeSpan.FromSeconds(3));
            }
            catch (TimeoutException)
            {
                // Nothing came due this minute yet; move on.
            }
        }

        foreach (var phone in phones)
        {
            var reply = await SettledReplyToAsync(phone);
            var made = Assert.Single(app.Twilio.Accepted, r => r.Form["To"] == phone);
            Assert.Equal(made.Sid, reply.ProviderSid);
        }

        // Every attempt, the 429s' retries too, keeps to the sender's pace: no second holds more than the pace allows
        // (one more for a timer that fired late).
        var arrivals = app.Twilio.Requests.Where(r => phones.Contains(r.Form["To"])).Select(r => r.Arrived).Order().ToList();
        Assert.Equal(3 * phones.Count, arrivals.Count);
        var busiestSecond = arrivals.Max(start => arrivals.Count(a => a >= start && a < start + TimeSpan.FromSeconds(1)));
        Assert.InRange(busiestSecond, 1, DrillAppFactory.MessagesPerSecond + 1);
    }

    /// <summary>Moves the clock a minute at a time, running the sweeper each minute as Hangfire would.</summary>
    private async Task SweepEveryMinuteAsync(TimeSpan span)
    {
        for (var passed = TimeSpan.Zero; passed < span; passed += TimeSpan.FromMinutes(1))
        {
            app.Time.Advance(TimeSpan.FromMinutes(1));
            await using var scope = app.NewScope();
            await scope.Services.GetRequiredService<MessageSweeper>().SweepAsync(MessageSweeper.StuckAfter, CancellationToken.None);
        }
    }

    private Task<Message> SettledReplyToAsync(string phone) => Eventually.GetAsync(
        async () =>
        {
            await using var scope = app.NewScope();
            return await scope.Db.Messages.SingleOrDefaultAsync(m => m.To == phone);
        },
        m => m.ProviderSid is not null,
        "the reply's SID to be recorded");
}
