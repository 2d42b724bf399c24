using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Dialogs;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Dialogs;

/// <summary>A client on a full-width, Arabic or Persian keyboard plans a step like anyone else.</summary>
public sealed class OddInputConversationTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Theory]
    [InlineData("１２-３", "１")]
    [InlineData("١٢-٣", "١")]
    [InlineData("\u200F۱۲-۳\u200F", "۱")]
    public async Task A_date_in_other_digits_at_the_day_question_is_confirmed_and_a_numbered_answer_in_them_too(string day, string yes)
    {
        var chat = new Chat(app, Phones.Next());
        var client = await app.AddClientAsync(chat.Phone, newcomer: true);
        foreach (var said in new[] { "Hoi", "1", "'s ochtends", "3 geld", "Mijn schulden op een rij" })
        {
            await chat.SayAsync(said);
        }

        Assert.StartsWith("Welke dag", await chat.SayAsync("De brief van de bank openen"));
        var march12 = new DateOnly(2027, 3, 12);
        Assert.Equal($"Dus: De brief van de bank openen, {ClientClock.FormatDay(march12, "nl")} in de ochtend. Klopt dat? 1 Ja 2 Nee",
            await chat.SayAsync(day));
        Assert.StartsWith("Top, afgesproken!", await chat.SayAsync(yes));

        await using var scope = app.NewScope();
        var step = await scope.Db.Steps.SingleAsync(s => s.Goal!.ClientId == client.Id);
        Assert.Equal((march12, StepStatus.Active), (step.DueDate!.Value, step.Status));
        Assert.Empty(await scope.Db.Flags.Where(f => f.ClientId == client.Id).ToListAsync());
    }

    [Fact]
    public async Task A_1600_character_body_with_emoji_and_marks_gets_an_answer()
    {
        var chat = new Chat(app, Phones.Next());
        await app.AddClientAsync(chat.Phone);
        var body = string.Concat(Enumerable.Repeat("\u200F١٢-٣ 👨‍👩‍👧 ok\u200B ", 100))[..1600];

        Assert.NotEmpty(await chat.SendAsync(body));

        await using var scope = app.NewScope();
        Assert.Equal(MobilityMentoring.Bot.Channels.MessageStatus.Processed,
            (await scope.Db.Messages.SingleAsync(m => m.From == chat.Phone)).Status);
    }
}
