using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Channels.Outbox;

public sealed class DeliveryTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public async Task A_reply_arrives_exactly_once_when_Twilio_answers_too_many_requests_three_times()
    {
        var phone = Phones.Next();
        await app.AddClientAsync(phone);
        app.Twilio.FailNext(429, 20429, retryAfter: "0").FailNext(429, 20429).FailNext(429, 20429, retryAfter: "0");

        await app.ReceiveAsync(phone, "Hoi");

        var accepted = await app.Twilio.WaitForMessageToAsync(phone);
        var reply = await SettledReplyToAsync(phone);
        Assert.Equal(4, app.Twilio.Requests.Count(r => r.Form["To"] == phone));
        Assert.Single(app.Twilio.Accepted, r => r.Form["To"] == phone);
        Assert.Equal(accepted.Sid, reply.ProviderSid);
        Assert.Equal(1, reply.Attempts);
    }

    [Fact]
    public async Task A_permanent_refusal_is_recorded_not_retried_and_raises_the_unreachable_flag()
    {
        var phone = Phones.Next();
        var client = await app.AddClientAsync(phone);
        app.Twilio.FailNext(400, 21211);

        await app.ReceiveAsync(phone, "Hoi");

        var reply = await SettledReplyToAsync(phone);
        Assert.Equal((MessageStatus.Failed, 21211), (reply.Status, reply.ErrorCode));
        Assert.Single(app.Twilio.Requests, r => r.Form["To"] == phone);
        await using var scope = app.NewScope();
        Assert.True(await scope.Db.Flags.AnyAsync(f => f.ClientId == client.Id && f.Kind == FlagKind.Unreachable));
    }

    [Fact]
    public async Task Twilio_21610_means_the_client_opted_out_at_the_carrier()
    {
        var phone = Phones.Next();
        var client = await app.AddClientAsync(phone);
        app.Twilio.FailNext(400, 21610);

        await app.ReceiveAsync(phone, "Hoi");

        await SettledReplyToAsync(phone);
        await using var scope = app.NewScope();
        Assert.NotNull((await scope.Db.Clients.SingleAsync(c => c.Id == client.Id)).OptedOutAt);
        Assert.True(await scope.Db.Flags.AnyAsync(f => f.ClientId == client.Id && f.Kind == FlagKind.OptedOut));
    }

    [Fact]
    public async Task A_WhatsApp_reply_refused_for_the_closed_window_goes_out_by_SMS_instead()
    {
        var phone = Phones.Next();
        await app.AddClientAsync(phone, Channel.WhatsApp);
        app.Twilio.FailNext(400, 63016);

        await app.ReceiveAsync("whatsapp:" + phone, "Hoi");

        var sms = await app.Twilio.WaitForMessageToAsync(phone);
        Assert.Equal(TwilioAppFactory.SmsFrom, sms.Form["From"]);
        var refused = app.Twilio.Requests.Single(r => r.Form["To"] == "whatsapp:" + phone);
        Assert.Equal(refused.Form["Body"], sms.Form["Body"]);
    }

    private Task<Message> SettledReplyToAsync(string phone) => Eventually.GetAsync(
        async () =>
        {
            await using var scope = app.NewScope();
            return await scope.Db.Messages.SingleOrDefaultAsync(m => m.To == phone);
        },
        m => m.Status is not (MessageStatus.Pending or MessageStatus.Dispatching),
        "the reply to be settled");
}
