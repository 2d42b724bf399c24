using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Dialogs;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Dialogs;

public sealed class OnboardingConversationTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public async Task A_newcomer_goes_from_first_message_to_a_confirmed_step_with_eight_messages_from_the_bot()
    {
        var chat = new Chat(app, Phones.Next());
        var client = await app.AddClientAsync(chat.Phone, newcomer: true);
        var tomorrow = client.Today(app.Time.GetUtcNow()).AddDays(1);

        var welcome = await chat.SayAsync("Hoi");
        Assert.Contains("Ik ben een computer", welcome, StringComparison.Ordinal);
        Assert.Contains("Sanne", welcome, StringComparison.Ordinal);
        Assert.EndsWith("1 Ja 2 Nee 3 English", welcome, StringComparison.Ordinal);
        Assert.EndsWith("1 Ochtend 2 Middag 3 Avond", await chat.SayAsync("1"));
        Assert.StartsWith("Waar wil je aan werken?", await chat.SayAsync("'s ochtends"));
        Assert.StartsWith("Wat wil je bereiken?", await chat.SayAsync("3 geld"));
        Assert.StartsWith("Mooi! Wat is een kleine eerste stap?", await chat.SayAsync("Mijn schulden op een rij"));
        Assert.StartsWith("Welke dag", await chat.SayAsync("De brief van de bank openen"));
        Assert.Equal($"Dus: De brief van de bank openen, {ClientClock.FormatDay(tomorrow, "nl")} in de ochtend. Klopt dat? 1 Ja 2 Nee",
            await chat.SayAsync("morgen"));
        Assert.StartsWith("Top, afgesproken!", await chat.SayAsync("ja"));
        Assert.Equal(8, chat.Transcript.Count);

        await using var scope = app.NewScope();
        var stored = await scope.Db.Clients.SingleAsync(c => c.Id == client.Id);
        Assert.NotNull(stored.ConsentAt);
        Assert.Equal(new TimeOnly(9, 30), stored.PreferredTime);
        var goal = await scope.Db.Goals.Include(g => g.Steps).SingleAsync(g => g.ClientId == client.Id);
        Assert.Equal((BridgePillar.FinancialManagement, "Mijn schulden op een rij"), (goal.Pillar, goal.Title));
        var step = Assert.Single(goal.Steps);
        Assert.Equal(("De brief van de bank openen", tomorrow, DayPart.Morning, StepStatus.Active), (step.Text, step.DueDate!.Value, step.DuePart!.Value, step.Status));
    }

    [Fact]
    public async Task An_English_newcomer_plans_a_step_in_English_and_numbers_and_words_both_work()
    {
        var chat = new Chat(app, Phones.Next());
        var client = await app.AddClientAsync(chat.Phone, language: "en", newcomer: true);
        var today = client.Today(app.Time.GetUtcNow());
        var friday = Enumerable.Range(1, 7).Select(today.AddDays).First(d => d.DayOfWeek == DayOfWeek.Friday);

        Assert.EndsWith("1 Yes 2 No 3 Nederlands", await chat.SayAsync("Hello"));
        Assert.EndsWith("1 Morning 2 Afternoon 3 Evening", await chat.SayAsync("Yes!"));
        Assert.StartsWith("What do you want to work on?", await chat.SayAsync("evening"));
        Assert.StartsWith("What do you want to reach?", await chat.SayAsync("work"));
        Assert.Contains("read one job ad", await chat.SayAsync("A job in a shop"), StringComparison.Ordinal);
        Assert.StartsWith("On which day", await chat.SayAsync("Call the job centre"));
        Assert.Equal($"So: Call the job centre, {ClientClock.FormatDay(friday, "en")} in the afternoon. Is that right? 1 Yes 2 No",
            await chat.SayAsync("friday afternoon"));
        Assert.StartsWith("What do you want to change?", await chat.SayAsync("2"));
        Assert.StartsWith("At what time of day?", await chat.SayAsync("3"));
        Assert.StartsWith("So: Call the job centre", await chat.SayAsync("1"));
        Assert.StartsWith("Great, it is a deal!", await chat.SayAsync("👍"));

        await using var scope = app.NewScope();
        var step = await scope.Db.Steps.SingleAsync(s => s.Goal!.ClientId == client.Id);
        Assert.Equal((friday, DayPart.Morning), (step.DueDate!.Value, step.DuePart!.Value));
        Assert.Equal(BridgePillar.EmploymentAndCareer, (await scope.Db.Goals.SingleAsync(g => g.ClientId == client.Id)).Pillar);
    }

    [Fact]
    public async Task The_third_answer_switches_the_language_and_no_means_silence_until_START()
    {
        var chat = new Chat(app, Phones.Next());
        var client = await app.AddClientAsync(chat.Phone, newcomer: true);

        await chat.SayAsync("Hallo");
        Assert.StartsWith("Hi! I am a computer.", await chat.SayAsync("3"));
        Assert.StartsWith("That is fine.", await chat.SayAsync("no"));
        Assert.Empty(await chat.SendAsync("hello?"));

        await using var scope = app.NewScope();
        var stored = await scope.Db.Clients.SingleAsync(c => c.Id == client.Id);
        Assert.Equal("en", stored.Language);
        Assert.NotNull(stored.OptedOutAt);
        Assert.Null(stored.ConsentAt);
    }

    [Fact]
    public async Task A_greeting_at_the_welcome_gets_the_question_again_kindly_and_the_third_miss_asks_the_mentor_instead_of_looping()
    {
        var chat = new Chat(app, Phones.Next());
        var client = await app.AddClientAsync(chat.Phone, newcomer: true);
        await chat.SayAsync("Hoi");

        Assert.Equal("Hoi! Fijn dat je reageert. Doe je mee met kleine stappen? 1 Ja 2 Nee 3 English", await chat.SayAsync("Hoi"));
        Assert.Equal("Stuur alleen een cijfer: 1 Ja 2 Nee 3 English. Of stuur MENTOR, dan neemt Sanne contact op.", await chat.SayAsync("7"));
        Assert.StartsWith("Ik heb Sanne gevraagd om contact met je op te nemen.", await chat.SayAsync("%$#@"));
        Assert.Empty(await chat.SendAsync("??"));
        Assert.EndsWith("1 Ochtend 2 Middag 3 Avond", await chat.SayAsync("tuurlijk doe ik mee"));

        Assert.DoesNotContain(chat.Transcript, m => m.StartsWith("Sorry", StringComparison.Ordinal));
        await using var scope = app.NewScope();
        var flag = await scope.Db.Flags.SingleAsync(f => f.ClientId == client.Id);
        Assert.Equal(FlagKind.Help, flag.Kind);
        Assert.StartsWith("stuck on a question", flag.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_weekend_gets_the_question_which_of_the_two_days_and_a_step_is_never_a_command()
    {
        var chat = new Chat(app, Phones.Next());
        var client = await app.AddClientAsync(chat.Phone, newcomer: true);
        var today = client.Today(app.Time.GetUtcNow());
        var sunday = Enumerable.Range(0, 7).Select(today.AddDays).First(d => d.DayOfWeek == DayOfWeek.Sunday);
        foreach (var said in new[] { "Hoi", "ja", "avond", "werk", "Een baan vinden" })
        {
            await chat.SayAsync(said);
        }

        // A step in the client's own words is never read as a command: "Engels" here is no TAAL.
        Assert.StartsWith("Welke dag", await chat.SayAsync("Engels oefenen met een vacature"));
        Assert.Equal("Welke dag van het weekend wil je? 1 Zaterdag 2 Zondag", await chat.SayAsync("in het weekend"));
        Assert.Equal($"Dus: Engels oefenen met een vacature, {ClientClock.FormatDay(sunday, "nl")} in de avond. Klopt dat? 1 Ja 2 Nee",
            await chat.SayAsync("zondag"));
    }

    [Fact]
    public async Task Texting_a_programmes_join_keyword_makes_a_client_with_a_mentor_and_starts_onboarding()
    {
        await using (var scope = app.NewScope())
        {
            var users = scope.Services.GetRequiredService<UserManager<BotUser>>();
            var mentor = new BotUser { UserName = "anouk@join.test", Email = "anouk@join.test", FirstName = "Anouk" };
            Assert.True((await users.CreateAsync(mentor)).Succeeded);
            Assert.True((await users.AddToRoleAsync(mentor, Roles.Mentor)).Succeeded);
            scope.Db.Programmes.Add(new Programme { Name = "Alphen", JoinKeyword = "DOEMEE", CreatedAt = app.Time.GetUtcNow() });
            await scope.Db.SaveChangesAsync();
        }

        var chat = new Chat(app, "whatsapp:" + Phones.Next());
        var welcome = await chat.SayAsync("doemee!");

        Assert.Contains("Anouk", welcome, StringComparison.Ordinal);
        Assert.Contains("Ik ben een computer", welcome, StringComparison.Ordinal);
        await using var check = app.NewScope();
        var client = await check.Db.Clients.Include(c => c.Programme).SingleAsync(c => c.Phone == PhoneNumber.Parse(chat.Phone));
        Assert.Equal(("Alphen", Channel.WhatsApp), (client.Programme!.Name, client.Channel));
    }
}
