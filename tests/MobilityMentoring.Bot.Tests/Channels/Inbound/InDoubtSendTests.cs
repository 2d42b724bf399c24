using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Channels.Inbound;
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

    private async Task<long> AddInDoubtAsync(string phone)
    {
        var client = await app.AddClientAsync(phone);
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
