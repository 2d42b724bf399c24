using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Privacy;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Privacy;

/// <summary>
/// Issue 15, finding 9: nothing was written for cadence and payout changes or API reads of summaries and flags, and
/// nobody could read the audit log without SQL. Now they are written, and admins read the log on a page and by the API.
/// </summary>
public sealed class AuditLogTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public async Task Cadence_and_payout_changes_are_audited_with_what_they_became()
    {
        var client = await app.AddClientAsync(Phones.Next());
        int programmeId;
        await using (var scope = app.NewScope())
        {
            programmeId = (await scope.Db.Clients.SingleAsync(c => c.Id == client.Id)).ProgrammeId;
        }

        using var coordinator = app.CreateClientAs("coordinator-audit", Roles.Coordinator);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PutAsJsonAsync($"/api/programmes/{programmeId}/cadence", new { maxPerWeek = 2 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PutAsJsonAsync($"/api/programmes/{programmeId}", new { name = "Alphen", pointsPerStep = 15, milestoneEvery = 90, milestoneAmount = 20 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PutAsJsonAsync($"/api/programmes/{programmeId}", new { name = "Alphen 2", pointsPerStep = 15, milestoneEvery = 90, milestoneAmount = 20 })).StatusCode);

        await using var check = app.NewScope();
        var cadence = await check.Db.AuditEntries.SingleAsync(a => a.Action == AuditAction.CadenceChange && a.Subject == $"programme:{programmeId}");
        Assert.Equal("coordinator-audit", cadence.Actor);
        Assert.Contains("\"MaxPerWeek\":2", cadence.Detail, StringComparison.Ordinal);
        var payout = await check.Db.AuditEntries.SingleAsync(a => a.Action == AuditAction.PayoutChange && a.Subject == $"programme:{programmeId}");
        Assert.EndsWith("-> (15, 90, 20)", payout.Detail, StringComparison.Ordinal); // the rename alone changed no payout
    }

    [Fact]
    public async Task API_reads_of_a_summary_and_of_flags_are_audited()
    {
        var client = await app.AddClientAsync(Phones.Next());
        using var mentor = app.CreateClientAs(client.MentorId!, Roles.Mentor);

        Assert.Equal(HttpStatusCode.OK, (await mentor.GetAsync($"/api/clients/{client.Id}/summary")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mentor.GetAsync($"/api/clients/{client.Id}/flags")).StatusCode);

        await using var check = app.NewScope();
        Assert.Equal([AuditAction.SummaryView, AuditAction.FlagsView], await check.Db.AuditEntries
            .Where(a => a.Subject == $"client:{client.Id}" && a.Actor == client.MentorId).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task An_admin_reads_the_audit_log_newest_first_a_page_at_a_time_filtered_by_person_client_and_action()
    {
        var client = await app.AddClientAsync(Phones.Next());
        using var mentor = app.CreateClientAs(client.MentorId!, Roles.Mentor);
        for (var i = 0; i < 3; i++)
        {
            await mentor.GetAsync($"/api/clients/{client.Id}/transcript");
        }

        await mentor.GetAsync($"/api/clients/{client.Id}/flags");
        using var admin = app.CreateClientAs("admin-audit", Roles.Admin);

        var page1 = await admin.GetFromJsonAsync<JsonElement>($"/api/audit?clientId={client.Id}&action=transcript.view&pageSize=2");
        var page2 = await admin.GetFromJsonAsync<JsonElement>($"/api/audit?clientId={client.Id}&action=transcript.view&pageSize=2&page=2");
        var ids = page1.GetProperty("entries").EnumerateArray().Concat(page2.GetProperty("entries").EnumerateArray()).Select(e => e.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(3, ids.Count);
        Assert.Equal(ids.OrderDescending(), ids);
        Assert.True(page1.GetProperty("more").GetBoolean());
        Assert.False(page2.GetProperty("more").GetBoolean());
        var byUser = await admin.GetFromJsonAsync<JsonElement>($"/api/audit?user={client.MentorId}");
        Assert.Equal(["flags.view", "transcript.view", "transcript.view", "transcript.view"],
            byUser.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.All(byUser.GetProperty("entries").EnumerateArray(), e => Assert.EndsWith("@test", e.GetProperty("actorEmail").GetString(), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/audit?page=2000000000&pageSize=200")).StatusCode);
        using var unknown = await admin.GetAsync("/api/audit?action=looked");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("transcript.view", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await mentor.GetAsync("/api/audit")).StatusCode);

        var html = await admin.GetStringAsync($"/admin/audit?clientId={client.Id}&action=flags.view");
        Assert.Contains("flags.view", html, StringComparison.Ordinal);
        Assert.Contains(client.MentorId!, html, StringComparison.Ordinal);
        await using var check = app.NewScope();
        Assert.Equal(4, await check.Db.AuditEntries.CountAsync(a => a.Action == AuditAction.AuditView && a.Actor == "admin-audit")); // the refused filter read nothing
    }

    [Fact]
    public void Every_audit_action_has_one_stored_name_that_reads_back_as_itself()
    {
        var names = AuditActions.All.Select(a => a.Name()).ToList();
        Assert.Equal(Enum.GetValues<AuditAction>().Length, names.Count);
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(Enum.GetValues<AuditAction>(), a => Assert.True(AuditActions.TryParse(a.Name(), out var back) && back == a));
        Assert.All(names, n => Assert.True(n.Length <= 100));
    }
}
