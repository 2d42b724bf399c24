using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Conversations;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Conversations;

public sealed class WhatsAppTemplateFactory : TwilioAppFactory
{
    public const string ContentSid = "HX0123456789abcdef0123456789abcdef";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        WithSetting("Twilio:WhatsAppTemplates:test.reminder:ContentSid", ContentSid);
        WithSetting("Twilio:WhatsAppTemplates:test.reminder:Variables:0", "mentor");
    }
}

public sealed class ProactiveTurnTests(WhatsAppTemplateFactory app) : IClassFixture<WhatsAppTemplateFactory>
{
    [Fact]
    public async Task Outside_the_24_hour_window_WhatsApp_uses_the_approved_template()
    {
        var phone = Phones.Next();
        var client = await app.AddClientAsync(phone, Channel.WhatsApp);
        await SetLastInboundAsync(client.Id, TimeSpan.FromHours(25));

        await RemindAsync(client.Id, "test.reminder");

        var sent = await app.Twilio.WaitForMessageToAsync("whatsapp:" + phone);
        Assert.Equal(WhatsAppTemplateFactory.ContentSid, sent.Form["ContentSid"]);
        Assert.Equal("""{"1":"Sanne"}""", sent.Form["ContentVariables"]);
        Assert.False(sent.Form.ContainsKey("Body"));
    }

    [Fact]
    public async Task Outside_the_window_without_a_template_the_message_goes_by_SMS()
    {
        var phone = Phones.Next();
        var client = await app.AddClientAsync(phone, Channel.WhatsApp);
        await SetLastInboundAsync(client.Id, TimeSpan.FromDays(3));

        await RemindAsync(client.Id, "no.template");

        var sent = await app.Twilio.WaitForMessageToAsync(phone);
        Assert.Equal(TwilioAppFactory.SmsFrom, sent.Form["From"]);
        Assert.Equal("Herinnering van Sanne", sent.Form["Body"]);
    }

    [Fact]
    public async Task Within_the_window_WhatsApp_sends_free_text()
    {
        var phone = Phones.Next();
        var client = await app.AddClientAsync(phone, Channel.WhatsApp);
        await SetLastInboundAsync(client.Id, TimeSpan.FromHours(23));

        await RemindAsync(client.Id, "test.reminder");

        var sent = await app.Twilio.WaitForMessageToAsync("whatsapp:" + phone);
        Assert.Equal("Herinnering van Sanne", sent.Form["Body"]);
        Assert.False(sent.Form.ContainsKey("ContentSid"));
    }

    [Fact]
    public async Task A_proactive_turn_sends_nothing_to_a_client_who_opted_out()
    {
        var phone = Phones.Next();
        var client = await app.AddClientAsync(phone);
        await app.ReceiveAsync(phone, "STOP");

        await RemindAsync(client.Id, "test.reminder");

        await using var scope = app.NewScope();
        Assert.Single(await scope.Db.Messages.Where(m => m.To == phone).ToListAsync());
    }

    [Fact]
    public async Task Several_messages_in_one_turn_reach_the_client_in_the_order_they_were_written()
    {
        var phone = Phones.Next();
        var client = await app.AddClientAsync(phone);

        await using (var scope = app.NewScope())
        {
            await scope.Services.GetRequiredService<TurnProcessor>().ContinueConversationAsync(client.Id, "burst", async (turn, ct) =>
            {
                for (var i = 1; i <= 5; i++)
                {
                    await turn.SendAsync(turn.Activity.CreateReply($"deel {i}", turn.Now), ct);
                }
            }, CancellationToken.None);
        }

        var received = await app.Twilio.WaitForMessagesToAsync(phone, 5);
        Assert.Equal(["deel 1", "deel 2", "deel 3", "deel 4", "deel 5"], received.Select(r => r.Form["Body"]));
    }

    private async Task RemindAsync(int clientId, string key)
    {
        await using var scope = app.NewScope();
        await scope.Services.GetRequiredService<TurnProcessor>().ContinueConversationAsync(
            clientId,
            "reminder",
            (turn, ct) => turn.SendAsync(
                turn.Activity.CreateReply("Herinnering van " + turn.Client!.Mentor!.FirstName, turn.Now) with
                {
                    ChannelData = new OutboundDetails(MessageOrigin.Proactive, key, new Dictionary<string, string> { ["mentor"] = "Sanne" }),
                },
                ct),
            CancellationToken.None);
    }

    private async Task SetLastInboundAsync(int clientId, TimeSpan ago)
    {
        await using var scope = app.NewScope();
        var lastInbound = app.Time.GetUtcNow() - ago;
        await scope.Db.Clients.Where(c => c.Id == clientId).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastInboundAt, lastInbound));
    }
}
