using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Privacy;
using MobilityMentoring.Bot.Tests.Infrastructure;
using MobilityMentoring.Bot.Tests.Reminders;

namespace MobilityMentoring.Bot.Tests.Privacy;

/// <summary>A new info page version asks each client again, once, in place of a check-in. Moves the clock: its own fixture.</summary>
public sealed class ConsentRenewalTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    private const string Renewal = "Hoi! De uitleg over mij en je gegevens is nieuw.";
    private const string CheckIn = "Hoi Fatima! Is het gelukt";

    [Fact]
    public async Task A_new_info_version_is_asked_once_at_the_next_check_in_and_a_yes_is_recorded_for_it()
    {
        var (chat, client) = await ClientWithStepDueTodayAsync();
        var version = await NewInfoVersionAsync(client.ProgrammeId);

        await app.RunPlannerAsync();
        Assert.StartsWith(Renewal, Assert.Single(await chat.NewRepliesAsync()));
        Assert.Equal("Dank je! We gaan verder zoals je gewend bent.", await chat.SayAsync("1"));

        await using (var scope = app.NewScope())
        {
            var yes = await scope.Db.Messages.SingleAsync(m => m.From == chat.Phone && m.Body == "1");
            var record = Assert.Single(await scope.Db.ConsentRecords.Where(r => r.ClientId == client.Id).ToListAsync());
            Assert.Equal((ConsentAnswer.Given, "consent.renew.nolink", version, yes.Id), (record.Answer, record.Question, record.InfoVersion, record.MessageId));
            Assert.Equal(version, (await scope.Db.Clients.SingleAsync(c => c.Id == client.Id)).ConsentVersion);
            var audit = await scope.Db.AuditEntries.SingleAsync(a => a.Action == AuditAction.ProgrammeChange && a.Detail!.Contains(version));
            Assert.Equal($"programme:{client.ProgrammeId}", audit.Subject);
        }

        var later = await PlannerRepliesOverDaysAsync(chat, 3);
        Assert.DoesNotContain(later, r => r.StartsWith(Renewal, StringComparison.Ordinal));
        Assert.Contains(later, r => r.StartsWith(CheckIn, StringComparison.Ordinal)); // the check-in follows on a later day
    }

    [Fact]
    public async Task A_client_who_does_not_answer_is_not_asked_again_and_keeps_their_check_ins()
    {
        var (chat, client) = await ClientWithStepDueTodayAsync();
        await NewInfoVersionAsync(client.ProgrammeId);

        var replies = await PlannerRepliesOverDaysAsync(chat, 4);
        Assert.Single(replies, r => r.StartsWith(Renewal, StringComparison.Ordinal));
        Assert.Contains(replies, r => r.StartsWith(CheckIn, StringComparison.Ordinal));

        await using var scope = app.NewScope();
        Assert.Empty(await scope.Db.ConsentRecords.Where(r => r.ClientId == client.Id).ToListAsync());
        Assert.Equal("1", (await scope.Db.Clients.SingleAsync(c => c.Id == client.Id)).ConsentVersion);
    }

    [Fact]
    public async Task A_no_is_a_goodbye_the_mentor_sees_and_nothing_more_goes_out()
    {
        var (chat, client) = await ClientWithStepDueTodayAsync();
        var version = await NewInfoVersionAsync(client.ProgrammeId);

        await app.RunPlannerAsync();
        Assert.StartsWith(Renewal, Assert.Single(await chat.NewRepliesAsync()));
        Assert.StartsWith("Dat is goed. Je krijgt geen berichten meer van mij. Sanne weet het.", await chat.SayAsync("nee"));
        Assert.Empty(await PlannerRepliesOverDaysAsync(chat, 3));

        await using var scope = app.NewScope();
        var record = Assert.Single(await scope.Db.ConsentRecords.Where(r => r.ClientId == client.Id).ToListAsync());
        Assert.Equal((ConsentAnswer.Declined, version), (record.Answer, record.InfoVersion));
        Assert.NotNull((await scope.Db.Clients.SingleAsync(c => c.Id == client.Id)).OptedOutAt);
        Assert.Single(await scope.Db.Flags.Where(f => f.ClientId == client.Id && f.Kind == FlagKind.OptedOut && f.HandledAt == null).ToListAsync());
    }

    private async Task<(Chat Chat, Client Client)> ClientWithStepDueTodayAsync()
    {
        var chat = new Chat(app, Phones.Next());
        var client = await app.AddClientAsync(chat.Phone);
        await using var scope = app.NewScope();
        var today = client.Today(app.Time.GetUtcNow());
        await scope.Db.Steps.Where(s => s.Goal!.ClientId == client.Id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.DueDate, today).SetProperty(x => x.CreatedAt, app.Time.GetUtcNow().AddDays(-1)));
        var preferred = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Time.GetUtcNow(), client.Zone()).DateTime);
        await scope.Db.Clients.Where(c => c.Id == client.Id).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.PreferredTime, preferred).SetProperty(c => c.NextContactAt, app.Time.GetUtcNow()));
        return (chat, client);
    }

    /// <summary>A coordinator raises the programme's info version, as on the programmes page, through the API.</summary>
    private async Task<string> NewInfoVersionAsync(int programmeId)
    {
        var version = $"v{Guid.NewGuid():N}"[..12];
        using var coordinator = app.CreateClientAs("coordinator", Roles.Coordinator);
        using var saved = await coordinator.PutAsJsonAsync($"/api/programmes/{programmeId}", new { pointsPerStep = 10, milestoneEvery = 50, infoVersion = version });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        return version;
    }

    /// <summary>Runs the planner from one due moment to the next for <paramref name="days"/> days; what reached this client.</summary>
    private async Task<List<string>> PlannerRepliesOverDaysAsync(Chat chat, int days)
    {
        var until = app.Time.GetUtcNow().AddDays(days);
        List<string> replies = [];
        while (app.Time.GetUtcNow() < until)
        {
            await app.RunPlannerAsync();
            replies.AddRange(await chat.NewRepliesAsync());
            await app.AdvanceToNextDueAsync(until);
        }

        return replies;
    }
}
