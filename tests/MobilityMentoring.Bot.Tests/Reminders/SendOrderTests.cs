using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Reminders;

public sealed class SendOrderTests
{
    [Fact]
    public async Task A_reply_to_a_chatting_client_overtakes_a_large_batch_of_reminders()
    {
        await using var app = new TwilioAppFactory();
        await ((IAsyncLifetime)app).InitializeAsync();
        app.WithSetting("Twilio:MessagesPerSecond", "40");
        var reminded = new List<string>();
        for (var i = 0; i < 150; i++)
        {
            var phone = Phones.Next();
            var client = await app.AddClientAsync(phone);
            reminded.Add(phone);
            await using var scope = app.NewScope();
            await scope.Db.Steps.Where(s => s.Goal!.ClientId == client.Id).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.DueDate, DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime))
                .SetProperty(x => x.CreatedAt, app.Time.GetUtcNow().AddDays(-1)));
            await scope.Db.Clients.Where(c => c.Id == client.Id).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.NextContactAt, app.Time.GetUtcNow()).SetProperty(c => c.PreferredTime, new TimeOnly(9, 0)));
        }

        var chatting = Phones.Next();
        await app.AddClientAsync(chatting);
        app.Time.SetUtcNow(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)); // 10:00 in Amsterdam

        await app.RunPlannerAsync();
        await app.ReceiveAsync(chatting, "STAP");

        var accepted = await app.Twilio.WaitForAcceptedAsync(151, TimeSpan.FromSeconds(60));
        var order = accepted.Select(r => r.Form["To"]).ToList();
        Assert.Equal(150, order.Count(reminded.Contains));
        Assert.True(order.Count - order.IndexOf(chatting) > 50, $"the reply went out as number {order.IndexOf(chatting) + 1} of {order.Count}");
    }
}
