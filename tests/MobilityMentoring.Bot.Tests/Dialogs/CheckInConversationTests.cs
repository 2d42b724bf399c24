using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Dialogs;
using MobilityMentoring.Bot.Reminders;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Dialogs;

public sealed class CheckInConversationTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public async Task Done_twice_pays_the_points_once()
    {
        var (chat, step) = await ClientWithStepAsync();

        Assert.Equal(CheckInStart.Sent, await chat.CheckInAsync(step.Id));
        Assert.Equal("Hoi Fatima! Is het gelukt: de brief van de gemeente openen? 1 Gedaan 2 Nog niet 3 Hulp", Assert.Single(await chat.NewRepliesAsync()));
        var sid = app.NewMessageSid();
        Assert.Equal("Goed gedaan! Je hebt nu 10 punten. Nog 40 tot je volgende beloning. Wat is je volgende kleine stap?",
            Assert.Single(await chat.SendAsync("1 gedaan", sid)));
        Assert.Empty(await chat.SendAsync("1 gedaan", sid)); // Twilio delivers the same webhook again
        Assert.StartsWith("Wat is je volgende kleine stap?", await chat.SayAsync("Gedaan!"));
        Assert.Equal(CheckInStart.NotActive, await chat.CheckInAsync(step.Id));

        await using var scope = app.NewScope();
        var ledger = await scope.Db.RewardEntries.Where(r => r.StepId == step.Id).ToListAsync();
        Assert.Equal(10, Assert.Single(ledger).Points);
        var done = await scope.Db.Steps.SingleAsync(s => s.Id == step.Id);
        Assert.Equal(StepStatus.Done, done.Status);
        Assert.Equal(CheckInOutcome.Done, (await scope.Db.CheckIns.SingleAsync(c => c.StepId == step.Id)).Outcome);
    }

    [Fact]
    public async Task A_step_that_needs_confirmation_is_asked_again_before_points_in_English()
    {
        var (chat, step) = await ClientWithStepAsync("en", needsVerification: true);

        await chat.CheckInAsync(step.Id);
        Assert.Equal("Hi Fatima! How did it go: de brief van de gemeente openen? 1 Done 2 Not yet 3 Help", Assert.Single(await chat.NewRepliesAsync()));
        Assert.Equal("Well done! Is it really all done? 1 Yes 2 No", await chat.SayAsync("done"));
        Assert.StartsWith("Well done! You now have 10 points. 40 more", await chat.SayAsync("yes"));
        Assert.StartsWith("What is your next small step?", await chat.SayAsync("ok"));

        await using var scope = app.NewScope();
        Assert.NotNull((await scope.Db.Steps.SingleAsync(s => s.Id == step.Id)).VerifiedAt);
    }

    [Fact]
    public async Task Not_yet_brings_no_blame_and_a_smaller_step()
    {
        var (chat, step) = await ClientWithStepAsync();
        var tomorrow = DateOnly.FromDateTime(app.Time.GetLocalNow().DateTime).AddDays(1);

        await chat.CheckInAsync(step.Id);
        await chat.NewRepliesAsync();
        Assert.Equal("Geeft niks, dat gebeurt. Wat wil je doen? 1 Zelfde stap, andere dag 2 Kleinere stap 3 Praten met Sanne",
            await chat.SayAsync("nog niet"));
        Assert.StartsWith("Wat is een nog kleinere stap?", await chat.SayAsync("2"));
        Assert.StartsWith("Welke dag", await chat.SayAsync("Alleen de envelop openen"));
        Assert.StartsWith("Dus: Alleen de envelop openen, ", await chat.SayAsync("morgen middag"));
        Assert.StartsWith("Top, afgesproken!", await chat.SayAsync("1"));

        await using var scope = app.NewScope();
        var steps = await scope.Db.Steps.Where(s => s.GoalId == step.GoalId).OrderBy(s => s.Id).ToListAsync();
        Assert.Equal(StepStatus.Dropped, steps[0].Status);
        Assert.Equal(("Alleen de envelop openen", StepStatus.Active, DayPart.Afternoon), (steps[1].Text, steps[1].Status, steps[1].DuePart!.Value));
        Assert.Equal(CheckInOutcome.NotYet, (await scope.Db.CheckIns.SingleAsync(c => c.StepId == step.Id)).Outcome);
        Assert.Empty(await scope.Db.RewardEntries.Where(r => r.StepId == step.Id).ToListAsync());
        Assert.DoesNotContain(chat.Transcript, m => m.Contains("moet", StringComparison.OrdinalIgnoreCase));
        Assert.True(steps[1].DueDate >= tomorrow);
    }

    [Fact]
    public async Task Not_yet_can_move_the_same_step_to_another_day()
    {
        var (chat, step) = await ClientWithStepAsync();

        await chat.CheckInAsync(step.Id);
        await chat.NewRepliesAsync();
        await chat.SayAsync("2");
        Assert.StartsWith("Geen probleem. Wanneer wil je het opnieuw proberen?", await chat.SayAsync("zelfde stap"));
        Assert.StartsWith("Dus: de brief van de gemeente openen, ", await chat.SayAsync("over 5 dagen"));
        await chat.SayAsync("ja");

        await using var scope = app.NewScope();
        var moved = await scope.Db.Steps.SingleAsync(s => s.Id == step.Id);
        Assert.Equal((StepStatus.Active, DayPart.Morning), (moved.Status, moved.DuePart!.Value));
        Assert.Equal(step.DueDate!.Value.AddDays(2), moved.DueDate); // the step was due in 3 days; now in 5
    }

    [Theory]
    [InlineData("3")]
    [InlineData("hulp")]
    [InlineData("🆘")]
    public async Task Help_flags_the_mentor_and_says_who_will_call_and_when(string help)
    {
        var (chat, step) = await ClientWithStepAsync();

        await chat.CheckInAsync(step.Id);
        await chat.NewRepliesAsync();
        Assert.Equal("Ik heb Sanne gevraagd om contact met je op te nemen. Dat gebeurt binnen 2 werkdagen.", await chat.SayAsync(help));

        await using var scope = app.NewScope();
        var flag = await scope.Db.Flags.SingleAsync(f => f.Client!.Phone == PhoneNumber.Parse(chat.Phone));
        Assert.Equal((FlagKind.Help, null), (flag.Kind, flag.HandledAt));
        Assert.Equal(CheckInOutcome.NeedHelp, (await scope.Db.CheckIns.SingleAsync(c => c.StepId == step.Id)).Outcome);
    }

    [Theory]
    [InlineData("nl", "ik wil niet meer leven", "113", "Veilig Thuis", false)]
    [InlineData("nl", "mijn vriend slaat me als ik niet betaal", "0800-2000", null, true)]
    [InlineData("en", "I think about suicide", "0800-0113", "Veilig Thuis", false)]
    public async Task A_crisis_in_the_middle_of_a_check_in_gets_the_helplines_in_the_same_turn_a_flag_and_no_more_check_ins(
        string language, string text, string expected, string? notExpected, bool violence)
    {
        var (chat, step) = await ClientWithStepAsync(language);
        await chat.CheckInAsync(step.Id);
        await chat.NewRepliesAsync();

        var safety = await chat.SayAsync(text);

        Assert.Contains(expected, safety, StringComparison.Ordinal);
        Assert.Contains("112", safety, StringComparison.Ordinal);
        Assert.Contains("113", safety, StringComparison.Ordinal);
        if (notExpected is not null)
        {
            Assert.DoesNotContain(notExpected, safety, StringComparison.Ordinal);
        }

        Assert.Equal(violence, safety.Contains("Veilig Thuis", StringComparison.Ordinal));
        await using (var scope = app.NewScope())
        {
            var flag = await scope.Db.Flags.SingleAsync(f => f.Client!.Phone == PhoneNumber.Parse(chat.Phone));
            Assert.Equal(FlagKind.Crisis, flag.Kind);
        }

        app.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(CheckInStart.Crisis, await chat.CheckInAsync(step.Id));
        Assert.Empty(await chat.NewRepliesAsync());
    }

    [Fact]
    public async Task A_greeting_at_a_check_in_gets_the_question_again_kindly_and_the_answer_still_counts()
    {
        var (chat, step) = await ClientWithStepAsync();
        await chat.CheckInAsync(step.Id);
        await chat.NewRepliesAsync();

        Assert.Equal("Hoe ging het met: de brief van de gemeente openen? 1 Gedaan 2 Nog niet 3 Hulp", await chat.SayAsync("Hoi"));
        Assert.StartsWith("Goed gedaan!", await chat.SayAsync("check 👍"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reaching_a_milestone_creates_a_reward_for_the_mentor_to_approve()
    {
        var (chat, step) = await ClientWithStepAsync();
        await using (var scope = app.NewScope())
        {
            // 40 points already: this step reaches 50.
            var clientId = await scope.Db.Goals.Where(g => g.Id == step.GoalId).Select(g => g.ClientId).SingleAsync();
            scope.Db.RewardEntries.Add(new RewardEntry { ClientId = clientId, Kind = RewardKind.StepPoints, Points = 40, Reason = "earlier steps" });
            await scope.Db.SaveChangesAsync();
        }

        await chat.CheckInAsync(step.Id);
        await chat.NewRepliesAsync();
        Assert.Equal("Goed gedaan! Je hebt nu 50 punten en een beloning verdiend. Sanne regelt die. Wat is je volgende stap?", await chat.SayAsync("klaar"));

        await using var check = app.NewScope();
        var reward = await check.Db.RewardEntries.SingleAsync(r => r.Kind == RewardKind.Milestone && r.Client!.Phone == PhoneNumber.Parse(chat.Phone));
        Assert.Equal(("milestone 50", null), (reward.Reason, reward.ApprovedAt));
    }

    private async Task<(Chat Chat, Step Step)> ClientWithStepAsync(string language = "nl", bool needsVerification = false)
    {
        var chat = new Chat(app, Phones.Next());
        var client = await app.AddClientAsync(chat.Phone, language: language);
        await using var scope = app.NewScope();
        var step = await scope.Db.Steps.SingleAsync(s => s.Goal!.ClientId == client.Id);
        if (needsVerification)
        {
            step.NeedsVerification = true;
            await scope.Db.SaveChangesAsync();
        }

        return (chat, step);
    }
}
