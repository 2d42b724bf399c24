using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Dialogs;
using MobilityMentoring.Bot.Reminders;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Dialogs;

public sealed class ClientCommandTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public async Task STAP_PUNTEN_and_MENTOR_answer_in_one_line_each()
    {
        var chat = new Chat(app, Phones.Next());
        var client = await app.AddClientAsync(chat.Phone);
        var due = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime).AddDays(3);

        Assert.Equal($"Je stap: de brief van de gemeente openen, {ClientClock.FormatDay(due, "nl")} in de ochtend.", await chat.SayAsync("stap"));
        Assert.Equal("Je hebt 0 punten. Nog 50 tot je volgende beloning.", await chat.SayAsync("Punten?"));
        Assert.StartsWith("Ik heb Sanne gevraagd", await chat.SayAsync("MENTOR"));
        Assert.Equal("Dank je voor je bericht. Je mentor Sanne leest mee. Stuur STAP, PUNTEN, PAUZE of MENTOR.", await chat.SayAsync("Hoe gaat het"));

        await using var scope = app.NewScope();
        Assert.Equal(FlagKind.Help, (await scope.Db.Flags.SingleAsync(f => f.ClientId == client.Id)).Kind);
    }

    [Theory]
    [InlineData("nl", "Ben je een mens?", "Nee, ik ben een computer, geen mens.")]
    [InlineData("en", "are you a human", "No, I am a computer, not a person.")]
    public async Task Are_you_a_human_gets_an_honest_answer_and_the_way_to_the_mentor(string language, string question, string expected)
    {
        var chat = new Chat(app, Phones.Next());
        await app.AddClientAsync(chat.Phone, language: language);

        var answer = await chat.SayAsync(question);

        Assert.StartsWith(expected, answer, StringComparison.Ordinal);
        Assert.Contains("MENTOR", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_in_the_middle_of_a_check_in_leaves_the_question_waiting()
    {
        var chat = new Chat(app, Phones.Next());
        var client = await app.AddClientAsync(chat.Phone);
        int stepId;
        await using (var scope = app.NewScope())
        {
            stepId = await scope.Db.Steps.Where(s => s.Goal!.ClientId == client.Id).Select(s => s.Id).SingleAsync();
        }

        await chat.CheckInAsync(stepId);
        await chat.NewRepliesAsync();
        Assert.StartsWith("Je hebt 0 punten.", await chat.SayAsync("PUNTEN"));
        Assert.StartsWith("Goed gedaan! Je hebt nu 10 punten.", await chat.SayAsync("1"));
    }

    [Fact]
    public async Task TAAL_switches_the_language_from_then_on()
    {
        var chat = new Chat(app, Phones.Next());
        await app.AddClientAsync(chat.Phone);

        Assert.Equal("Welke taal wil je? 1 Nederlands 2 English", await chat.SayAsync("taal"));
        Assert.Equal("Fine, from now on I will write to you in English.", await chat.SayAsync("2"));
        Assert.StartsWith("You have 0 points.", await chat.SayAsync("points"));
    }
}

/// <summary>Moves the shared clock, so it has a database and clock of its own.</summary>
public sealed class PauseTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Theory]
    [InlineData("PAUZE", 7)]
    [InlineData("pauze 2", 14)]
    [InlineData("Pause", 7)]
    public async Task PAUZE_means_no_check_in_for_a_week_or_the_weeks_asked(string pause, int days)
    {
        var chat = new Chat(app, Phones.Next());
        var client = await app.AddClientAsync(chat.Phone);
        int stepId;
        await using (var scope = app.NewScope())
        {
            stepId = await scope.Db.Steps.Where(s => s.Goal!.ClientId == client.Id).Select(s => s.Id).SingleAsync();
        }

        var start = app.Time.GetUtcNow();
        var lastDay = client.Today(start).AddDays(days - 1);
        Assert.Equal($"Prima. Tot en met {ClientClock.FormatDay(lastDay, "nl")} krijg je geen vragen van mij. Je kunt mij wel altijd een bericht sturen.",
            await chat.SayAsync(pause));

        for (var day = 1; day < days; day++)
        {
            app.Time.Advance(TimeSpan.FromDays(1));
            Assert.Equal(CheckInStart.Paused, await chat.CheckInAsync(stepId));
        }

        app.Time.SetUtcNow(client.StartOf(lastDay.AddDays(1)).AddHours(9));
        Assert.Equal(CheckInStart.Sent, await chat.CheckInAsync(stepId));
        Assert.StartsWith("Hoi Fatima! Is het gelukt", Assert.Single(await chat.NewRepliesAsync()));
        app.Time.SetUtcNow(app.Time.GetUtcNow().AddHours(1)); // keep every theory row's moments distinct
    }
}
