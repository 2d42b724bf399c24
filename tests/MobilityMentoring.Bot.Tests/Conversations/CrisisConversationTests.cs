using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Dialogs;
using MobilityMentoring.Bot.Reminders;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Conversations;

/// <summary>The crisis net in whole turns, through signed webhooks and real PostgreSQL.</summary>
public sealed class CrisisConversationTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    private const string Question = "Dat klinkt zwaar. Denk je eraan om jezelf iets aan te doen? 1 Ja 2 Nee. Praten kan altijd: bel gratis 113.";

    [Theory]
    [InlineData("ik zie het niet meer zitten")]
    [InlineData("ik ben liever dood")]
    [InlineData("het hoeft voor mij niet meer")]
    [InlineData("ik trek het niet meer")]
    [InlineData("ik wil mn leven beeindigen")]
    [InlineData("ik heb pillen genomen")]
    [InlineData("hij dreigt me te vermoorden")]
    [InlineData("mijn vriend heeft me geslagen")]
    [InlineData("I don't want to live anymore")]
    [InlineData("I want to end it all")]
    [InlineData("I feel like hurting myself")]
    [InlineData("suicidal")]
    [InlineData("I took pills")]
    [InlineData("he threatened to kill me")]
    public async Task Every_text_the_old_net_missed_gets_the_helplines_from_a_fresh_number(string text)
    {
        var reply = await new Chat(app, Phones.Next()).SayAsync(text);

        Assert.Contains("113", reply, StringComparison.Ordinal);
        Assert.Contains("112", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("kennen we nog niet", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("I want to end it all", "Thank you for telling me.")]
    [InlineData("my boyfriend hit me", "Thank you for telling me. Violence at home")]
    [InlineData("I can't take it anymore", "Thank you for telling me. Do you think of suicide?")]
    [InlineData("ik wil dood", "Fijn dat je het zegt.")]
    [InlineData("I took pills", "Call 112 now")]
    public async Task An_unknown_number_is_answered_in_the_language_it_wrote_in(string text, string expected) =>
        Assert.StartsWith(expected, await new Chat(app, Phones.Next()).SayAsync(text), StringComparison.Ordinal);

    [Fact]
    public async Task A_known_client_is_answered_in_their_own_language()
    {
        var chat = new Chat(app, Phones.Next());
        await app.AddClientAsync(chat.Phone, language: "nl");

        Assert.StartsWith("Fijn dat je het zegt. Denk je aan zelfdoding?", await chat.SayAsync("I want to kill myself"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_possible_crisis_gets_one_gentle_question_and_yes_brings_the_helplines_and_an_urgent_flag()
    {
        var (chat, client, step) = await ClientInACheckInAsync();

        Assert.Equal(Question, await chat.SayAsync("ik zie het niet meer zitten"));
        Assert.Equal((FlagKind.PossibleCrisis, "asked"), await OnlyFlagAsync(client));

        var helplines = await chat.SayAsync("ja");

        Assert.StartsWith("Fijn dat je het zegt. Denk je aan zelfdoding? Bel gratis en anoniem 113", helplines, StringComparison.Ordinal);
        Assert.Contains("112", helplines, StringComparison.Ordinal);
        var (kind, note) = await OnlyFlagAsync(client);
        Assert.Equal(FlagKind.Crisis, kind);
        Assert.Contains("answered yes", note, StringComparison.Ordinal);
        app.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(CheckInStart.Crisis, await chat.CheckInAsync(step.Id));
    }

    [Fact]
    public async Task No_to_the_gentle_question_gets_a_kind_answer_the_conversation_goes_on_and_the_mentor_keeps_the_flag()
    {
        var (chat, client, _) = await ClientInACheckInAsync();
        Assert.Equal(Question, await chat.SayAsync("ik kan niet meer"));

        Assert.Equal("Fijn om te horen. Sanne ziet je bericht. Wordt het toch te zwaar? Bel dan gratis 113, dag en nacht.", await chat.SayAsync("nee hoor"));
        Assert.StartsWith("Goed gedaan! Je hebt nu 10 punten.", await chat.SayAsync("1"), StringComparison.Ordinal);

        var (kind, note) = await OnlyFlagAsync(client);
        Assert.Equal(FlagKind.PossibleCrisis, kind);
        Assert.Contains("answered no", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doubt_in_the_answer_counts_as_yes()
    {
        var (chat, client, _) = await ClientInACheckInAsync();
        await chat.SayAsync("ik trek het niet meer");

        Assert.Contains("113", await chat.SayAsync("soms"), StringComparison.Ordinal);
        Assert.Equal(FlagKind.Crisis, (await OnlyFlagAsync(client)).Kind);
    }

    [Fact]
    public async Task After_STOP_a_crisis_still_gets_the_helplines_and_a_refused_send_tells_the_mentor_to_call()
    {
        var chat = new Chat(app, Phones.Next());
        var client = await app.AddClientAsync(chat.Phone);
        await chat.SayAsync("STOP");
        await app.Twilio.WaitForMessageToAsync(chat.Phone);
        app.Twilio.FailNext(400, 21610);

        Assert.Contains("113", await chat.SayAsync("ik wil dood"), StringComparison.Ordinal);

        var crisis = await Eventually.GetAsync(
            async () =>
            {
                await using var scope = app.NewScope();
                return await scope.Db.Flags.SingleOrDefaultAsync(f => f.ClientId == client.Id && f.Kind == FlagKind.Crisis);
            },
            f => f.Note?.Contains("did not arrive", StringComparison.Ordinal) == true,
            "the crisis flag to say the answer did not arrive");
        Assert.Contains("21610", crisis.Note, StringComparison.Ordinal);
        Assert.Contains("call the client", crisis.Note, StringComparison.Ordinal);
    }

    private async Task<(Chat Chat, Client Client, Step Step)> ClientInACheckInAsync()
    {
        var chat = new Chat(app, Phones.Next());
        var client = await app.AddClientAsync(chat.Phone);
        await using var scope = app.NewScope();
        var step = await scope.Db.Steps.SingleAsync(s => s.Goal!.ClientId == client.Id);
        await chat.CheckInAsync(step.Id);
        await chat.NewRepliesAsync();
        return (chat, client, step);
    }

    private async Task<(FlagKind Kind, string? Note)> OnlyFlagAsync(Client client)
    {
        await using var scope = app.NewScope();
        var flag = await scope.Db.Flags.SingleAsync(f => f.ClientId == client.Id && f.HandledAt == null);
        return (flag.Kind, flag.Note);
    }
}
