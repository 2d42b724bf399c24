using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilityMentoring.Bot.Coaching.Clients;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Dialogs;

/// <summary>Moves the shared clock, so it has a database and clock of its own.</summary>
public sealed class OnboardingRetryTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public async Task No_reply_to_the_welcome_gets_one_gentle_retry_a_day_later_then_the_bot_stops_asking()
    {
        var chat = new Chat(app, Phones.Next());
        var client = await app.AddClientAsync(chat.Phone, newcomer: true);
        await chat.SayAsync("Hoi");

        app.Time.Advance(TimeSpan.FromHours(12));
        await RunJobAsync();
        Assert.Empty(await chat.NewRepliesAsync()); // 21:00 and not yet a day: nothing

        app.Time.Advance(TimeSpan.FromHours(12) + TimeSpan.FromMinutes(15));
        await RunJobAsync();
        Assert.StartsWith("Hoi, hier de assistent van Sanne weer.", Assert.Single(await chat.NewRepliesAsync()));

        for (var hour = 0; hour < 48; hour++)
        {
            app.Time.Advance(TimeSpan.FromHours(1));
            await RunJobAsync();
        }

        Assert.Empty(await chat.NewRepliesAsync());
        await using (var scope = app.NewScope())
        {
            var state = await scope.Db.ConversationStates.SingleAsync(s => s.ClientId == client.Id);
            Assert.Null(state.Dialog);
        }

        // Their next message starts again from the welcome.
        Assert.Contains("Ik ben een computer", await chat.SayAsync("sorry, ik was druk"), StringComparison.Ordinal);
    }

    private async Task RunJobAsync()
    {
        await using var scope = app.NewScope();
        await scope.Services.GetRequiredService<OnboardingJob>().RunAsync(CancellationToken.None);
    }
}
