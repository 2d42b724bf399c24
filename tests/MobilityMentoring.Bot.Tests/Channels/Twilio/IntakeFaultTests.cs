using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Channels.Inbound;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Channels.Twilio;

/// <summary>Issue 16, intake: a webhook is stored before anything can hold it up, and answered even when it cannot be.</summary>
public sealed class IntakeFaultTests(FaultyDatabaseAppFactory app) : IClassFixture<FaultyDatabaseAppFactory>
{
    private const string StoringInbound = "INSERT INTO messages";

    private static readonly TimeSpan Deadlock = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_webhook_whose_turn_finds_every_slot_busy_is_answered_and_its_turn_runs_when_one_frees()
    {
        var phone = Phones.Next();
        await app.AddClientAsync(phone);
        var turns = app.Services.GetRequiredService<InboundTurns>();
        var held = new List<IDisposable>();
        while (await turns.TryTakeSlotAsync(CancellationToken.None) is { } slot)
        {
            held.Add(slot);
        }

        var sid = app.NewMessageSid();
        var response = await app.ReceiveAsync(phone, "Hoi", sid);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MessageStatus.Received, await StatusOfAsync(sid));
        held.ForEach(slot => slot.Dispose());
        await app.Twilio.WaitForMessageToAsync(phone).WaitAsync(Deadlock);
        Assert.Equal(MessageStatus.Processed, await StatusOfAsync(sid));
    }

    [Theory]
    [InlineData("ik wil niet meer leven", "113")]
    [InlineData("I want to kill myself", "113")]
    [InlineData("Hoi, ik kom morgen", "Stuur het over een uur nog eens")]
    [InlineData("Hello, I will come tomorrow", "Please send it again")]
    public async Task A_webhook_the_database_cannot_store_gets_a_static_reply_in_its_language_and_helplines_for_crisis_words(string text, string expected)
    {
        var phone = Phones.Next();
        await app.AddClientAsync(phone);
        var sid = app.NewMessageSid();
        HttpResponseMessage response;
        using (app.Faults.FailWhile(StoringInbound))
        {
            response = await app.ReceiveAsync(phone, text, sid);
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var twiml = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("""<?xml version="1.0" encoding="UTF-8"?><Response><Message>""", twiml, StringComparison.Ordinal);
        Assert.Contains(expected, twiml, StringComparison.Ordinal);
        Assert.Contains("112", twiml, StringComparison.Ordinal);
        Assert.Null(await StatusOfAsync(sid));
    }

    [Fact]
    public async Task A_database_that_is_back_within_the_store_retries_loses_nothing()
    {
        var phone = Phones.Next();
        await app.AddClientAsync(phone);
        var sid = app.NewMessageSid();
        app.Faults.FailNext(StoringInbound, 2);

        var response = await app.ReceiveAsync(phone, "Hoi", sid);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<Message>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await app.Twilio.WaitForMessageToAsync(phone).WaitAsync(Deadlock);
        Assert.Equal(MessageStatus.Processed, await StatusOfAsync(sid));
    }

    private async Task<MessageStatus?> StatusOfAsync(string sid)
    {
        await using var scope = app.NewScope();
        return await scope.Db.Messages.Where(m => m.ProviderSid == sid).Select(m => (MessageStatus?)m.Status).SingleOrDefaultAsync();
    }
}
