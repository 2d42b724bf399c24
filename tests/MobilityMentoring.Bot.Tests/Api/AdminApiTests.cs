using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Api;

public sealed class AdminApiTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public async Task A_coordinator_sets_a_programmes_join_keyword_and_rewards_with_field_named_errors()
    {
        int id;
        await using (var scope = app.NewScope())
        {
            var programme = new Programme { Name = "Alphen", CreatedAt = app.Time.GetUtcNow() };
            scope.Db.Programmes.Add(programme);
            await scope.Db.SaveChangesAsync();
            id = programme.Id;
        }

        var coordinator = app.CreateClientAs("coordinator", Roles.Coordinator);
        using var bad = await coordinator.PutAsJsonAsync($"/api/programmes/{id}", new { name = "Alphen", joinKeyword = "doe mee!", pointsPerStep = 10, milestoneEvery = 50 });
        using var good = await coordinator.PutAsJsonAsync($"/api/programmes/{id}", new { name = "Alphen", joinKeyword = "doemee", pointsPerStep = 20, milestoneEvery = 100, milestoneAmount = 25 });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("joinKeyword", out _));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        await using var check = app.NewScope();
        var saved = await check.Db.Programmes.SingleAsync(p => p.Id == id);
        Assert.Equal(("DOEMEE", 20, 100, 25m), (saved.JoinKeyword, saved.PointsPerStep, saved.MilestoneEvery, saved.MilestoneAmount!.Value));
    }

    [Fact]
    public async Task An_admin_makes_a_mentor_account_and_a_weak_password_is_refused_by_field()
    {
        var admin = app.CreateClientAs("admin", Roles.Admin);
        using var weak = await admin.PostAsJsonAsync("/api/users", new { email = "zwak@test", role = "Mentor", password = "kort" });
        using var made = await admin.PostAsJsonAsync("/api/users", new { email = "noor@test", firstName = "Noor", role = "Mentor", password = "Noor-mentor-2026" });

        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.True((await weak.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("password", out _));
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var users = await admin.GetFromJsonAsync<JsonElement>("/api/users");
        Assert.Contains(users.EnumerateArray(), u => u.GetProperty("email").GetString() == "noor@test"
                                                     && u.GetProperty("roles").EnumerateArray().Single().GetString() == "Mentor");
    }
}
