using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Channels.Twilio;

public sealed class StatusCallbackTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public async Task Out_of_order_callbacks_never_move_a_status_back()
    {
        var (_, reply) = await SentReplyAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await CallbackAsync(reply, "delivered")).StatusCode);
        await CallbackAsync(reply, "sent");
        await CallbackAsync(reply, "queued");
        await CallbackAsync(reply, "delivered");

        Assert.Equal(MessageStatus.Delivered, await StatusOfAsync(reply.Id));
    }

    [Fact]
    public async Task Fifty_callbacks_for_one_message_at_once_end_on_the_highest_status()
    {
        // Several messages, each with its callbacks in a random order: a read-then-write lost the highest on some.
        string[] statuses = ["queued", "sending", "sent", "delivered", "read"];
        for (var round = 0; round < 3; round++)
        {
            var (_, reply) = await SentReplyAsync();
            var callbacks = Enumerable.Range(0, 50).Select(i => statuses[i % statuses.Length]).OrderBy(_ => Random.Shared.Next()).ToList();

            var responses = await Task.WhenAll(callbacks.Select(status => CallbackAsync(reply, status)));

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
            Assert.Equal(MessageStatus.Read, await StatusOfAsync(reply.Id));
        }
    }

    [Fact]
    public async Task A_callback_for_a_send_given_up_in_doubt_records_that_Twilio_had_it()
    {
        var phone = Phones.Next();
        var client = await app.AddClientAsync(phone);
        long outboxId;
        await using (var scope = app.NewScope())
        {
            var givenUp = new Message
            {
                ClientId = client.Id, Direction = MessageDirection.Outbound, Channel = Channel.Sms, From = TwilioAppFactory.SmsFrom,
                To = phone, Body = "Hoi", Status = MessageStatus.Failed, ErrorCode = MobilityMentoring.Bot.Channels.Outbox.InDoubtSends.NeverConfirmed,
                Attempts = 3, InDoubtAttempts = 3, CreatedAt = app.Time.GetUtcNow(), StatusUpdatedAt = app.Time.GetUtcNow(),
            };
            scope.Db.Messages.Add(givenUp);
            await scope.Db.SaveChangesAsync();
            outboxId = givenUp.Id;
        }

        var sid = "SM" + Guid.NewGuid().ToString("N");
        await app.PostSignedAsync($"/twilio/status?outbox={outboxId.ToString(CultureInfo.InvariantCulture)}", Fields(sid, "delivered", null));

        await using (var scope = app.NewScope())
        {
            var stored = await scope.Db.Messages.SingleAsync(m => m.Id == outboxId);
            Assert.Equal((sid, MessageStatus.Delivered, (int?)null), (stored.ProviderSid, stored.Status, stored.ErrorCode));
        }
    }

    [Fact]
    public async Task A_failed_delivery_is_final()
    {
        var (_, reply) = await SentReplyAsync();

        await CallbackAsync(reply, "undelivered", errorCode: 30007);
        await CallbackAsync(reply, "delivered");

        await using var scope = app.NewScope();
        var stored = await scope.Db.Messages.SingleAsync(m => m.Id == reply.Id);
        Assert.Equal((MessageStatus.Undelivered, 30007), (stored.Status, stored.ErrorCode));
    }

    [Fact]
    public async Task Three_failed_deliveries_in_a_row_flag_the_client_as_unreachable_once()
    {
        var phone = Phones.Next();
        var client = await app.AddClientAsync(phone);
        for (var i = 0; i < 4; i++)
        {
            var (_, reply) = await SentReplyAsync(phone);
            await CallbackAsync(reply, "undelivered", errorCode: 30008);
        }

        await using var scope = app.NewScope();
        Assert.Single(await scope.Db.Flags.Where(f => f.ClientId == client.Id && f.Kind == FlagKind.Unreachable).ToListAsync());
    }

    [Fact]
    public async Task A_callback_for_a_send_in_doubt_records_the_sid_so_it_is_never_sent_again()
    {
        var phone = Phones.Next();
        var client = await app.AddClientAsync(phone);
        long outboxId;
        await using (var scope = app.NewScope())
        {
            var inDoubt = new Message
            {
                ClientId = client.Id, Direction = MessageDirection.Outbound, Channel = Channel.Sms, From = TwilioAppFactory.SmsFrom,
                To = phone, Body = "Hoi", Status = MessageStatus.Dispatching, Attempts = 1, CreatedAt = app.Time.GetUtcNow(),
                StatusUpdatedAt = app.Time.GetUtcNow(),
            };
            scope.Db.Messages.Add(inDoubt);
            await scope.Db.SaveChangesAsync();
            outboxId = inDoubt.Id;
        }

        var sid = "SM" + Guid.NewGuid().ToString("N");
        await app.PostSignedAsync($"/twilio/status?outbox={outboxId.ToString(CultureInfo.InvariantCulture)}", Fields(sid, "sent", null));

        await using (var scope = app.NewScope())
        {
            var stored = await scope.Db.Messages.SingleAsync(m => m.Id == outboxId);
            Assert.Equal((sid, MessageStatus.Sent), (stored.ProviderSid, stored.Status));
        }
    }

    [Fact]
    public async Task An_unsigned_callback_is_refused()
    {
        var (_, reply) = await SentReplyAsync();
        var response = await app.CreateClient().PostAsync("/twilio/status", new FormUrlEncodedContent(Fields(reply.ProviderSid!, "failed", null)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.NotEqual(MessageStatus.Failed, await StatusOfAsync(reply.Id));
    }

    private async Task<(string Phone, Message Reply)> SentReplyAsync(string? phone = null)
    {
        if (phone is null)
        {
            phone = Phones.Next();
            await app.AddClientAsync(phone);
        }

        await using var scope = app.NewScope();
        var before = await scope.Db.Messages.CountAsync(m => m.To == phone);
        await app.ReceiveAsync(phone, "Hoi");
        var reply = await Eventually.GetAsync(
            async () =>
            {
                await using var probe = app.NewScope();
                return await probe.Db.Messages.Where(m => m.To == phone).OrderBy(m => m.Id).Skip(before).FirstOrDefaultAsync();
            },
            m => m.ProviderSid is not null,
            "the reply to reach Twilio");
        return (phone, reply);
    }

    private Task<HttpResponseMessage> CallbackAsync(Message message, string status, int? errorCode = null) =>
        app.PostSignedAsync(
            $"/twilio/status?outbox={message.Id.ToString(CultureInfo.InvariantCulture)}", Fields(message.ProviderSid!, status, errorCode));

    private static List<KeyValuePair<string, string>> Fields(string sid, string status, int? errorCode)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("MessageSid", sid), new("MessageStatus", status), new("AccountSid", TwilioAppFactory.AccountSid),
            new("To", "+31600000000"), new("From", TwilioAppFactory.SmsFrom),
        };
        if (errorCode is { } code)
        {
            fields.Add(new("ErrorCode", code.ToString(CultureInfo.InvariantCulture)));
        }

        return fields;
    }

    private async Task<MessageStatus> StatusOfAsync(long id)
    {
        await using var scope = app.NewScope();
        return await scope.Db.Messages.Where(m => m.Id == id).Select(m => m.Status).SingleAsync();
    }
}
