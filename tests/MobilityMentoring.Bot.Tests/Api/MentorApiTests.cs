using MobilityMentoring.Bot.Privacy;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Api;

public sealed class MentorApiTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public async Task A_mentor_enrols_a_client_and_the_bot_welcomes_them_by_name_of_their_mentor()
    {
        var mentor = await AddMentorAsync("Joris");
        var phone = Phones.Next();

        using var response = await mentor.PostAsJsonAsync("/api/clients", new { phone = "06-" + phone[4..], firstName = "Samira" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var welcome = Assert.Single(await new Chat(app, phone).NewRepliesAsync());
        Assert.StartsWith("Hoi! Ik ben een computer. Ik help je mentor Joris", welcome, StringComparison.Ordinal);
        using var again = await mentor.PostAsJsonAsync("/api/clients", new { phone });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Theory]
    [InlineData("""{"phone":"12"}""", "phone")]
    [InlineData("""{"phone":"0612345678","language":"fr"}""", "language")]
    public async Task Bad_enrolment_input_gets_a_problem_naming_the_field(string body, string field)
    {
        var mentor = await AddMentorAsync("Joris");

        using var response = await mentor.PostAsync("/api/clients", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_mentor_adds_a_step_for_their_client_and_the_client_sees_it_with_STAP()
    {
        var (mentor, mentorId) = await AddMentorWithIdAsync("Joris");
        var chat = new Chat(app, Phones.Next());
        var client = await app.AddClientAsync(chat.Phone);
        await MoveClientToAsync(client.Id, mentorId);
        var tomorrow = client.Today(app.Time.GetUtcNow()).AddDays(1);

        using var response = await mentor.PostAsJsonAsync($"/api/clients/{client.Id}/steps",
            new { text = "het formulier van de bank invullen", dueDate = tomorrow, duePart = "Afternoon", needsVerification = true });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await using (var scope = app.NewScope())
        {
            var step = await scope.Db.Steps.SingleAsync(s => s.Text == "het formulier van de bank invullen" && s.Goal!.ClientId == client.Id);
            Assert.Equal((StepStatus.Active, true), (step.Status, step.NeedsVerification));
        }

        Assert.Equal($"Je stap: het formulier van de bank invullen, {ClientClock.FormatDay(tomorrow, "nl")} in de middag.", await chat.SayAsync("STAP"));

        using var past = await mentor.PostAsJsonAsync($"/api/clients/{client.Id}/steps",
            new { text = "iets", dueDate = new DateOnly(2026, 11, 1), duePart = "Morning" });
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Contains("dueDate", await past.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mentor_cannot_touch_another_mentors_client()
    {
        var other = await AddMentorAsync("Els");
        var client = await app.AddClientAsync(Phones.Next());

        using var step = await other.PostAsJsonAsync($"/api/clients/{client.Id}/steps",
            new { text = "iets", dueDate = new DateOnly(2026, 12, 1), duePart = "Morning" });
        var list = await other.GetFromJsonAsync<JsonElement>("/api/clients");

        Assert.Equal(HttpStatusCode.NotFound, step.StatusCode);
        Assert.DoesNotContain(list.EnumerateArray(), c => c.GetProperty("id").GetInt32() == client.Id);
        using var anonymous = await app.CreateClient().GetAsync("/api/clients");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task An_approved_payout_is_told_to_the_client_once()
    {
        var (mentor, mentorId) = await AddMentorWithIdAsync("Joris");
        var chat = new Chat(app, Phones.Next());
        var client = await app.AddClientAsync(chat.Phone);
        await MoveClientToAsync(client.Id, mentorId);
        long rewardId;
        await using (var scope = app.NewScope())
        {
            var reward = new RewardEntry { ClientId = client.Id, Kind = RewardKind.Milestone, Amount = 25m, Reason = "milestone 50", CreatedAt = app.Time.GetUtcNow() };
            scope.Db.RewardEntries.Add(reward);
            await scope.Db.SaveChangesAsync();
            rewardId = reward.Id;
        }

        var pending = await mentor.GetFromJsonAsync<JsonElement>("/api/rewards/pending");
        Assert.Contains(pending.EnumerateArray(), r => r.GetProperty("id").GetInt64() == rewardId);
        using var missingNote = await mentor.PostAsJsonAsync($"/api/rewards/{rewardId}/approve", new { evidenceNote = "" });
        Assert.Equal(HttpStatusCode.BadRequest, missingNote.StatusCode);
        Assert.Empty(await chat.NewRepliesAsync());

        using var approved = await mentor.PostAsJsonAsync($"/api/rewards/{rewardId}/approve", new { evidenceNote = "Brief gezien in het gesprek" });
        using var twice = await mentor.PostAsJsonAsync($"/api/rewards/{rewardId}/approve", new { evidenceNote = "nog eens" });

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("Goed nieuws! Joris heeft je beloning van € 25,00 goedgekeurd. Knap gedaan!", Assert.Single(await chat.NewRepliesAsync()));
        await using var check = app.NewScope();
        var stored = await check.Db.RewardEntries.SingleAsync(r => r.Id == rewardId);
        Assert.Equal((mentorId, "Brief gezien in het gesprek"), (stored.ApprovedById, stored.EvidenceNote));
        Assert.Single(await check.Db.AuditEntries.Where(a => a.Action == AuditAction.RewardApprove && a.Detail == $"reward:{rewardId}").ToListAsync());
    }

    private async Task<HttpClient> AddMentorAsync(string firstName) => (await AddMentorWithIdAsync(firstName)).Client;

    private async Task<(HttpClient Client, string Id)> AddMentorWithIdAsync(string firstName)
    {
        await using var scope = app.NewScope();
        var email = $"{firstName.ToLowerInvariant()}-{Guid.NewGuid():N}@test";
        var mentor = new BotUser { UserName = email, Email = email, FirstName = firstName };
        scope.Db.Users.Add(mentor);
        await scope.Db.SaveChangesAsync();
        return (app.CreateClientAs(mentor.Id, Roles.Mentor), mentor.Id);
    }

    private async Task MoveClientToAsync(int clientId, string mentorId)
    {
        await using var scope = app.NewScope();
        await scope.Db.Clients.Where(c => c.Id == clientId).ExecuteUpdateAsync(s => s.SetProperty(c => c.MentorId, mentorId));
    }
}
