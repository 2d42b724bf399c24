using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilityMentoring.Bot.Privacy;
using MobilityMentoring.Bot.Summaries;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Summaries;

/// <summary>Moves the shared clock, so it has a database and clock of its own.</summary>
public sealed class SummaryBuilderTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public async Task A_scripted_week_gives_this_exact_summary_in_Dutch_and_in_English()
    {
        var start = app.Time.GetUtcNow();
        var chat = new Chat(app, Phones.Next());
        var client = await app.AddClientAsync(chat.Phone);
        var stepId = await StepIdAsync(client.Id);

        await chat.CheckInAsync(stepId);
        await chat.NewRepliesAsync();
        await chat.SayAsync("2");
        await chat.SayAsync("1");
        await chat.SayAsync("morgen");
        await chat.SayAsync("ja");
        await chat.SayAsync("Ik had geen geld voor de bus, BSN 111222333, rekening NL91ABNA0417164300");
        await chat.SayAsync("MENTOR");
        app.Time.Advance(TimeSpan.FromDays(1));
        await chat.CheckInAsync(stepId);
        await chat.NewRepliesAsync();
        await chat.SayAsync("1");
        var end = app.Time.GetUtcNow().AddHours(1);

        Assert.Equal("""
            Stappen: 1 gedaan, 1 nog niet, 0 zonder antwoord.
            In eigen woorden: "Ik had geen geld voor de bus, BSN [BSN], rekening [IBAN]"
            Hulp gevraagd: ma 23 nov.
            2 van 2 vragen beantwoord; 2 berichten van de bot.
            Punten: +10, 10 in totaal.
            """, await BuildAsync(client.Id, start, end, "nl"));
        Assert.Equal("""
            Steps: 1 done, 1 not yet, 0 without an answer.
            In their words: "Ik had geen geld voor de bus, BSN [BSN], rekening [IBAN]"
            Asked for help: Mon 23 Nov.
            Answered 2 of 2 check-ins; 2 bot messages sent.
            Points: +10, 10 in total.
            """, await BuildAsync(client.Id, start, end, "en"));

        // The weekly job writes it down; "reviewed" makes the next period start there.
        app.Time.Advance(TimeSpan.FromMinutes(1));
        await using (var scope = app.NewScope())
        {
            await scope.Services.GetRequiredService<SummaryJob>().RunAsync(CancellationToken.None);
            var summary = await scope.Db.Summaries.SingleAsync(s => s.ClientId == client.Id);
            Assert.StartsWith("Stappen: 1 gedaan", summary.Text, StringComparison.Ordinal);
            summary.ReviewedAt = app.Time.GetUtcNow();
            await scope.Db.SaveChangesAsync();
            Assert.Equal(summary.PeriodEnd, await SummaryJob.PeriodStartAsync(scope.Db, client.Id, app.Time.GetUtcNow(), CancellationToken.None));
        }
    }

    [Theory]
    [InlineData("mijn bsn is 111222333", "mijn bsn is [BSN]")]
    [InlineData("nummer 123456789 van de brief", "nummer ****89 van de brief")] // not a BSN, but nine digits may be a phone number: masked all the same
    [InlineData("IBAN NL91 ABNA 0417 1643 00 graag", "IBAN [IBAN] graag")]
    [InlineData("bel 06-12345678", "bel 061****5678")]
    public void Quoted_words_lose_BSN_IBAN_and_phone_numbers(string said, string quoted) =>
        Assert.Equal(quoted, PersonalNumberMasker.Mask(said));

    private async Task<string> BuildAsync(int clientId, DateTimeOffset from, DateTimeOffset to, string language)
    {
        await using var scope = app.NewScope();
        return await scope.Services.GetRequiredService<SummaryBuilder>().BuildAsync(clientId, from, to, language, CancellationToken.None);
    }

    private async Task<int> StepIdAsync(int clientId)
    {
        await using var scope = app.NewScope();
        return await scope.Db.Steps.Where(s => s.Goal!.ClientId == clientId).Select(s => s.Id).SingleAsync();
    }
}
