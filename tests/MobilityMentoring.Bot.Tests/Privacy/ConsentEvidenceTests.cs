using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Privacy;

/// <summary>What a privacy officer asks of consent: what was asked, in which language, about which info page, and which message said yes.</summary>
public sealed class ConsentEvidenceTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public async Task The_consent_record_names_the_question_its_language_the_info_version_and_the_message_that_said_yes()
    {
        var chat = new Chat(app, Phones.Next());
        var client = await app.AddClientAsync(chat.Phone, newcomer: true);

        await chat.SayAsync("Hallo");
        Assert.StartsWith("Hi! I am a computer.", await chat.SayAsync("3")); // asked again, in English
        await chat.SayAsync("yes");

        await using var scope = app.NewScope();
        var yes = await scope.Db.Messages.SingleAsync(m => m.From == chat.Phone && m.Body == "yes");
        var record = Assert.Single(await scope.Db.ConsentRecords.Where(r => r.ClientId == client.Id).ToListAsync());
        Assert.Equal((ConsentAnswer.Given, "onboarding.welcome.nolink", "en", "1", (string?)null, yes.Id, Channel.Sms),
            (record.Answer, record.Question, record.Language, record.InfoVersion, record.InfoUrl, record.MessageId, record.Channel));
        Assert.Equal(app.Time.GetUtcNow(), record.At);
        var stored = await scope.Db.Clients.SingleAsync(c => c.Id == client.Id);
        Assert.Equal("1", stored.ConsentVersion);

        using var mentor = app.CreateClientAs(client.MentorId!, Roles.Mentor);
        var page = await mentor.GetStringAsync($"/clients/{client.Id}");
        Assert.Contains("<code>onboarding.welcome.nolink</code> (en)", page, StringComparison.Ordinal);
        Assert.Contains($"#{yes.Id}", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_no_a_STOP_and_a_START_are_recorded_too()
    {
        var newcomer = new Chat(app, Phones.Next());
        var declined = await app.AddClientAsync(newcomer.Phone, newcomer: true);
        await newcomer.SayAsync("Hoi");
        Assert.StartsWith("Dat is goed.", await newcomer.SayAsync("2"));

        var established = new Chat(app, Phones.Next());
        var client = await app.AddClientAsync(established.Phone);
        await established.SayAsync("STOP");
        await established.SayAsync("START");

        await using var scope = app.NewScope();
        var no = Assert.Single(await scope.Db.ConsentRecords.Where(r => r.ClientId == declined.Id).ToListAsync());
        Assert.Equal((ConsentAnswer.Declined, "onboarding.welcome.nolink", "nl"), (no.Answer, no.Question, no.Language));
        var stopAndStart = await scope.Db.ConsentRecords.Where(r => r.ClientId == client.Id).OrderBy(r => r.Id).ToListAsync();
        Assert.Equal([(ConsentAnswer.Withdrawn, "STOP"), (ConsentAnswer.Given, "START")], stopAndStart.Select(r => (r.Answer, r.Question)));
        var messages = await scope.Db.Messages.Where(m => m.From == established.Phone).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync();
        Assert.Equal(messages, stopAndStart.Select(r => r.MessageId!.Value));
    }
}
