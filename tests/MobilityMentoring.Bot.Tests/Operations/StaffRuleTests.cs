using MobilityMentoring.Bot.Privacy;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Operations;

/// <summary>
/// Rules the dashboard page and the API once each wrote for themselves, and had drifted apart: now one use case
/// holds each, and both surfaces are tried here.
/// </summary>
public sealed class StaffRuleTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public async Task A_time_zone_changed_on_the_cadence_page_moves_the_programmes_clients_as_the_API_does()
    {
        var (programme, client) = await ClientInOwnProgrammeAsync();
        using var coordinator = app.CreateClientAs("coordinator", Roles.Coordinator);
        var form = MobilityMentoring.Bot.Dashboard.Pages.Programmes.CadenceForm.From(new MobilityMentoring.Bot.Reminders.Cadence(), "Europe/London");
        using var page = await coordinator.PostFormAsync($"/programmes/{programme}/cadence", "Save", CadenceFields(form));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("Europe/London", await ZoneOfAsync(client));

        using var api = await coordinator.PutAsJsonAsync($"/api/programmes/{programme}/cadence/", new { timeZone = "Europe/Lisbon" });
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal("Europe/Lisbon", await ZoneOfAsync(client));
    }

    [Fact]
    public async Task Only_a_milestone_is_approved_and_an_evidence_note_over_500_characters_is_refused_on_the_page_as_by_the_API()
    {
        var client = await app.AddClientAsync(Phones.Next());
        var (points, milestone) = (await AddRewardAsync(client.Id, RewardKind.StepPoints), await AddRewardAsync(client.Id, RewardKind.Milestone));
        using var mentor = app.CreateClientAs(client.MentorId!, Roles.Mentor);
        var tooLong = new string('x', 501);

        using var pagePoints = await mentor.PostFormAsync($"/clients/{client.Id}", "Approve", [new("rewardId", Id(points)), new("evidenceNote", "Took the step")]);
        Assert.StartsWith("Niet goedgekeurd", await mentor.NoticeAfterAsync(pagePoints), StringComparison.Ordinal);
        using var pageLong = await mentor.PostFormAsync($"/clients/{client.Id}", "Approve", [new("rewardId", Id(milestone)), new("evidenceNote", tooLong)]);
        Assert.StartsWith("Niet goedgekeurd", await mentor.NoticeAfterAsync(pageLong), StringComparison.Ordinal);
        using var apiPoints = await mentor.PostAsJsonAsync($"/api/rewards/{points}/approve", new { evidenceNote = "Took the step" });
        using var apiLong = await mentor.PostAsJsonAsync($"/api/rewards/{milestone}/approve", new { evidenceNote = tooLong });

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.BadRequest), (apiPoints.StatusCode, apiLong.StatusCode));
        await using var scope = app.NewScope();
        Assert.Empty(await scope.Db.RewardEntries.Where(r => r.ClientId == client.Id && r.ApprovedAt != null).ToListAsync());
    }

    [Fact]
    public async Task An_account_made_by_the_API_is_audit_logged_as_one_made_on_the_page()
    {
        using var admin = app.CreateClientAs("admin-1", Roles.Admin);
        var (byApi, byPage) = ($"api-{Guid.NewGuid():N}@rules.test", $"page-{Guid.NewGuid():N}@rules.test");

        using var api = await admin.PostAsJsonAsync("/api/users/", new { email = byApi, firstName = "Anouk", role = Roles.Mentor, password = "Mentor-rules-2026" });
        await admin.PostFormAsync("/admin/users", "Create",
            [new("email", byPage), new("firstName", "Bas"), new("role", Roles.Mentor), new("password", "Mentor-rules-2026")]);

        Assert.Equal(HttpStatusCode.Created, api.StatusCode);
        await using var scope = app.NewScope();
        foreach (var email in new[] { byApi, byPage })
        {
            var id = await scope.Db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            Assert.True(await scope.Db.AuditEntries.AnyAsync(a => a.Action == AuditAction.UserCreate && a.Subject == $"user:{id}" && a.Actor == "admin-1"), email);
        }
    }

    [Fact]
    public async Task Reading_a_transcript_is_audit_logged_on_the_page_as_by_the_API_and_only_for_the_own_mentor()
    {
        var client = await app.AddClientAsync(Phones.Next());
        using var mentor = app.CreateClientAs(client.MentorId!, Roles.Mentor);
        using var coordinator = app.CreateClientAs("coordinator", Roles.Coordinator);

        Assert.Equal(HttpStatusCode.OK, (await mentor.GetAsync($"/clients/{client.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mentor.GetAsync($"/api/clients/{client.Id}/transcript")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/api/clients/{client.Id}/transcript")).StatusCode);

        await using var scope = app.NewScope();
        Assert.Equal(["api", "page"], await scope.Db.AuditEntries.Where(a => a.Action == AuditAction.TranscriptView && a.Subject == $"client:{client.Id}")
            .Select(a => a.Detail!).OrderBy(d => d).ToListAsync());
    }

    [Fact]
    public async Task A_step_that_is_no_longer_active_is_not_edited_by_the_API_nor_on_the_page()
    {
        var client = await app.AddClientAsync(Phones.Next());
        int stepId;
        await using (var scope = app.NewScope())
        {
            var step = await scope.Db.Steps.SingleAsync(s => s.Goal!.ClientId == client.Id);
            step.Status = StepStatus.Done;
            await scope.Db.SaveChangesAsync();
            stepId = step.Id;
        }

        var tomorrow = client.Today(app.Time.GetUtcNow()).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var mentor = app.CreateClientAs(client.MentorId!, Roles.Mentor);
        using var api = await mentor.PutAsJsonAsync($"/api/clients/{client.Id}/steps/{stepId}", new { text = "Iets anders" });
        using var page = await mentor.PostFormAsync($"/clients/{client.Id}", "EditStep",
            [new("stepId", stepId.ToString(CultureInfo.InvariantCulture)), new("text", "Ook iets anders"), new("dueDate", tomorrow), new("duePart", "Evening")]);
        Assert.StartsWith("Stap niet", await mentor.NoticeAfterAsync(page), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Conflict, api.StatusCode);
        await using var check = app.NewScope();
        Assert.Equal("de brief van de gemeente openen", (await check.Db.Steps.SingleAsync(s => s.Id == stepId)).Text);
    }

    private async Task<(int Programme, int Client)> ClientInOwnProgrammeAsync()
    {
        var client = await app.AddClientAsync(Phones.Next());
        await using var scope = app.NewScope();
        var programme = new Programme { Name = $"Zones {Guid.NewGuid():N}", TimeZone = "Europe/Amsterdam", CreatedAt = app.Time.GetUtcNow() };
        scope.Db.Programmes.Add(programme);
        await scope.Db.SaveChangesAsync();
        await scope.Db.Clients.Where(c => c.Id == client.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ProgrammeId, programme.Id).SetProperty(c => c.TimeZone, "Europe/Amsterdam"));
        return (programme.Id, client.Id);
    }

    private async Task<string> ZoneOfAsync(int clientId)
    {
        await using var scope = app.NewScope();
        return await scope.Db.Clients.Where(c => c.Id == clientId).Select(c => c.TimeZone).SingleAsync();
    }

    private async Task<long> AddRewardAsync(int clientId, RewardKind kind)
    {
        await using var scope = app.NewScope();
        var reward = new RewardEntry { ClientId = clientId, Kind = kind, Points = 10, Amount = kind == RewardKind.Milestone ? 10m : null, Reason = $"{kind} {Guid.NewGuid():N}" };
        scope.Db.RewardEntries.Add(reward);
        await scope.Db.SaveChangesAsync();
        return reward.Id;
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static IEnumerable<KeyValuePair<string, string>> CadenceFields(MobilityMentoring.Bot.Dashboard.Pages.Programmes.CadenceForm form)
    {
        string T(TimeOnly t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);
        string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        foreach (var day in form.Days)
        {
            yield return new("Form.Days", day.ToString());
        }

        yield return new("Form.WindowStart", T(form.WindowStart));
        yield return new("Form.WindowEnd", T(form.WindowEnd));
        yield return new("Form.QuietFrom", T(form.QuietFrom));
        yield return new("Form.QuietUntil", T(form.QuietUntil));
        yield return new("Form.HardTopicsUntil", T(form.HardTopicsUntil));
        yield return new("Form.FollowUpAfterHours", N(form.FollowUpAfterHours));
        yield return new("Form.FollowUps", N(form.FollowUps));
        yield return new("Form.MaxPerWeek", N(form.MaxPerWeek));
        yield return new("Form.MaxPerDay", N(form.MaxPerDay));
        yield return new("Form.MaxPerStep", N(form.MaxPerStep));
        yield return new("Form.UnreachableAfterDays", N(form.UnreachableAfterDays));
        yield return new("Form.UnreachableNudgeEveryDays", N(form.UnreachableNudgeEveryDays));
        yield return new("Form.TimeZone", form.TimeZone);
    }
}
