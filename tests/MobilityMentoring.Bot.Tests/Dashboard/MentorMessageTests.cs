using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Conversations;
using MobilityMentoring.Bot.Operations;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Dashboard;

/// <summary>Moves the shared clock, so it has a database and clock of its own.</summary>
public sealed class MentorMessageTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public async Task A_mentor_message_in_quiet_hours_waits_for_the_morning_unless_the_mentor_overrides()
    {
        var chat = new Chat(app, Phones.Next());
        var client = await app.AddClientAsync(chat.Phone);
        app.Time.SetUtcNow(new DateTimeOffset(2026, 11, 23, 21, 0, 0, TimeSpan.Zero)); // 22:00 in Amsterdam

        Assert.Equal(MentorMessageResult.WaitsForMorning, await SendAsync(client, "Slaap lekker", overrideQuietHours: false));
        Assert.Equal(MentorMessageResult.Sent, await SendAsync(client, "Dringend: bel me", overrideQuietHours: true));

        await using var scope = app.NewScope();
        var messages = await scope.Db.Messages.Where(m => m.ClientId == client.Id).OrderBy(m => m.Id).ToListAsync();
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero), messages[0].NextAttemptAt); // 09:00 there
        Assert.Null(messages[1].NextAttemptAt);
        Assert.All(messages, m => Assert.Equal(MessageOrigin.Mentor, m.Origin));
        var sent = await app.Twilio.WaitForMessageToAsync(chat.Phone);
        Assert.Equal("Dringend: bel me", sent.Form["Body"]);
    }

    [Fact]
    public async Task Nothing_goes_to_a_client_who_opted_out_and_a_hand_off_silences_the_bot_but_not_STOP()
    {
        var chat = new Chat(app, Phones.Next());
        var client = await app.AddClientAsync(chat.Phone);
        await using (var scope = app.NewScope())
        {
            await scope.Services.GetRequiredService<HandOff>().RunAsync(StaffPrincipal.For(client.MentorId!), client.Id, toMentor: true, CancellationToken.None);
        }

        Assert.Empty(await chat.SendAsync("STAP"));
        Assert.Contains("afgemeld", await chat.SayAsync("STOP"), StringComparison.Ordinal);
        Assert.Equal(MentorMessageResult.OptedOut, await SendAsync(client, "Hallo?", overrideQuietHours: true));
        Assert.Empty(await chat.NewRepliesAsync());
    }

    private async Task<MentorMessageResult> SendAsync(Client client, string text, bool overrideQuietHours)
    {
        await using var scope = app.NewScope();
        var outcome = await scope.Services.GetRequiredService<SendMentorMessage>()
            .RunAsync(StaffPrincipal.For(client.MentorId!), client.Id, text, overrideQuietHours, CancellationToken.None);
        return outcome.Status == OutcomeStatus.Conflict ? MentorMessageResult.OptedOut : outcome.Value;
    }
}
