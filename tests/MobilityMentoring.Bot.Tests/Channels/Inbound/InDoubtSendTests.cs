using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Channels.Inbound;
using MobilityMentoring.Bot.Channels.Outbox;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Channels.Inbound;

public sealed class InDoubtSendTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public async Task A_send_in_doubt_with_no_word_from_Twilio_is_sent_again_after_the_grace_period_and_only_then()
    {
        var phone = Phones.Next();
        var id = await AddInDoubtAsync(phone);

        await SweepAsync();
        Assert.Equal(MessageStatus.Dispatching, await StatusAsync(id));

        app.Time.Advance(TimeSpan.FromMinutes(3));
        await SweepAsync();

        var sent = await app.Twilio.WaitForMessageToAsync(phone);
        Assert.Equal("Hoi", sent.Form["Body"]);
        Assert.Single(app.Twilio.Requests, r => r.Form["To"] == phone);
    }

    [Fact]
    public async Task A_send_in_doubt_that_Twilio_confirmed_by_callback_is_never_sent_again()
    {
        var phone = Phones.Next();
        var id = await AddInDoubtAsync(phone);
        await app.PostSignedAsync($"/twilio/status?outbox={id}",
        [
            new("MessageSid", "SM" + Guid.NewGuid().ToString("N")), new("MessageStatus", "sent"),
            new("AccountSid", TwilioAppFactory.AccountSid), new("To", phone), new("From", TwilioAppFactory.SmsFrom),
        ]);

        app.Time.Advance(TimeSpan.FromMinutes(3));
        await SweepAsync();

        Assert.Equal(MessageStatus.Sent, await StatusAsync(id));
        Assert.DoesNotContain(app.Twilio.Requests, r => r.Form["To"] == phone);
    }

    [Fact]
    public async Task A_send_Twilio_never_takes_is_given_up_after_three_times_in_doubt_with_one_flag_for_the_client()
    {
        var phone = Phones.Next();
        var client = await app.AddClientAsync(phone);
        long[] ids = [await AddInDoubtAsync(client), await AddInDoubtAsync(client)];

        // Each send again gets a 502 and Twilio makes nothing: in doubt again, every time.
        for (var i = 0; i < 2 * ids.Length; i++)
        {
            app.Twilio.FailNext(502);
        }

        for (var round = 1; round <= 2; round++)
        {
            app.Time.Advance(TimeSpan.FromMinutes(3));
            await SweepAsync();
            await app.Twilio.WaitForRequestsToAsync(phone, round * ids.Length);
        }

        // The third time in doubt (Outbox:MaxInDoubtAttempts): failed, flagged, not sent again, however long it waits.
        for (var minute = 0; minute < 15; minute++)
        {
            app.Time.Advance(TimeSpan.FromMinutes(1));
            await SweepAsync();
        }

        await using var scope = app.NewScope();
        var rows = await scope.Db.Messages.Where(m => ids.Contains(m.Id)).ToListAsync();
        Assert.All(rows, m => Assert.Equal((MessageStatus.Failed, InDoubtSends.NeverConfirmed, 3), (m.Status, m.ErrorCode, m.InDoubtAttempts)));
        Assert.Equal(2 * ids.Length, app.Twilio.Requests.Count(r => r.Form["To"] == phone));
        var flag = Assert.Single(await scope.Db.Flags.Where(f => f.ClientId == client.Id).ToListAsync());
        Assert.Equal((FlagKind.Unreachable, (DateTimeOffset?)null), (flag.Kind, flag.HandledAt));
    }

    [Fact]
    public async Task A_look_up_Twilio_cannot_answer_sends_nothing_on_a_guess()
    {
        var phone = Phones.Next();
        var id = await AddInDoubtAsync(phone);

        // Five times: the look-up's own retries of a 5xx (a GET may be repeated) are used up too.
        for (var i = 0; i < 5; i++)
        {
            app.Twilio.FailNextLookup(503);
        }

        app.Time.Advance(TimeSpan.FromMinutes(3));
        await SweepAsync();

        // Still in doubt and not claimed again (a claim counts an attempt): looked up five times, sent not at all.
        await using (var scope = app.NewScope())
        {
            var row = await scope.Db.Messages.SingleAsync(m => m.Id == id);
            Assert.Equal((MessageStatus.Dispatching, 1, (string?)null), (row.Status, row.Attempts, row.ProviderSid));
        }

        Assert.Equal(5, app.Twilio.Lookups.Count(q => q["To"] == phone));
        Assert.DoesNotContain(app.Twilio.Requests, r => r.Form["To"] == phone);

        app.Time.Advance(TimeSpan.FromMinutes(3));
        await SweepAsync();

        await app.Twilio.WaitForMessageToAsync(phone);
        Assert.Single(app.Twilio.Requests, r => r.Form["To"] == phone);
    }

    private async Task<long> AddInDoubtAsync(string phone) => await AddInDoubtAsync(await app.AddClientAsync(phone));

    private async Task<long> AddInDoubtAsync(Client client)
    {
        var phone = client.Phone.Value;
        await using var scope = app.NewScope();
        var message = new Message
        {
            ClientId = client.Id, Direction = MessageDirection.Outbound, Channel = Channel.Sms, From = TwilioAppFactory.SmsFrom,
            To = phone, Body = "Hoi", Status = MessageStatus.Dispatching, Attempts = 1,
            CreatedAt = app.Time.GetUtcNow(), StatusUpdatedAt = app.Time.GetUtcNow(),
        };
        scope.Db.Messages.Add(message);
        await scope.Db.SaveChangesAsync();
        return message.Id;
    }

    private async Task SweepAsync()
    {
        await using var scope = app.NewScope();
        await scope.Services.GetRequiredService<MessageSweeper>().SweepAsync(MessageSweeper.StuckAfter, CancellationToken.None);
    }

    private async Task<MessageStatus> StatusAsync(long id)
    {
        await using var scope = app.NewScope();
        return await scope.Db.Messages.Where(m => m.Id == id).Select(m => m.Status).SingleAsync();
    }
}
