using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Conversations;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Reminders;

/// <summary>Moves the shared clock, so it has a database and clock of its own.</summary>
public sealed class PlannerCourtesyTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public async Task A_due_check_in_waits_while_the_client_is_answering_another_question()
    {
        var chat = new Chat(app, Phones.Next());
        var client = await app.AddClientAsync(chat.Phone);
        await using (var scope = app.NewScope())
        {
            await scope.Db.Steps.Where(s => s.Goal!.ClientId == client.Id).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.DueDate, DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime))
                .SetProperty(x => x.CreatedAt, app.Time.GetUtcNow().AddDays(-1)));
            await scope.Db.Clients.Where(c => c.Id == client.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.PreferredTime, new TimeOnly(9, 0)));
        }

        Assert.StartsWith("Welke taal wil je?", await chat.SayAsync("TAAL")); // a question is waiting for an answer
        await app.RunPlannerAsync();
        Assert.Empty(await chat.NewRepliesAsync());

        app.Time.Advance(TurnProcessor.ConversationQuiet);
        await app.RunPlannerAsync();
        Assert.StartsWith("Hoi Fatima! Is het gelukt", Assert.Single(await chat.NewRepliesAsync()));
    }
}
