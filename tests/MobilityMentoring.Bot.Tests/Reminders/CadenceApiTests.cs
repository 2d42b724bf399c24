using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Reminders;

public sealed class CadenceApiTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    private static readonly string[] MondayWednesdayFriday = ["Monday", "Wednesday", "Friday"];
    private static readonly string[] TuesdayOnly = ["Tuesday"];

    [Fact]
    public async Task A_coordinator_reads_and_changes_a_cadence_and_the_planner_looks_at_every_client_again()
    {
        var (programmeId, clientId) = await ProgrammeWithClientAsync();
        var coordinator = app.CreateClientAs("coordinator", Roles.Coordinator);

        var current = await coordinator.GetFromJsonAsync<JsonElement>($"/api/programmes/{programmeId}/cadence");
        Assert.Equal((3, 1, "09:00:00", "Europe/Amsterdam"), (current.GetProperty("maxPerWeek").GetInt32(), current.GetProperty("maxPerDay").GetInt32(),
            current.GetProperty("windowStart").GetString(), current.GetProperty("timeZone").GetString()));

        using var saved = await coordinator.PutAsJsonAsync($"/api/programmes/{programmeId}/cadence",
            new { maxPerWeek = 2, days = MondayWednesdayFriday, windowStart = "10:00:00" });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        await using var scope = app.NewScope();
        var programme = await scope.Db.Programmes.SingleAsync(p => p.Id == programmeId);
        Assert.Equal((2, new TimeOnly(10, 0), 1), (programme.Cadence.MaxPerWeek, programme.Cadence.WindowStart, programme.Cadence.MaxPerDay));
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday], programme.Cadence.Days);
        Assert.Equal(app.Time.GetUtcNow(), (await scope.Db.Clients.SingleAsync(c => c.Id == clientId)).NextContactAt);
    }

    [Theory]
    [InlineData("""{"maxPerWeek":9}""", "maxPerWeek")]
    [InlineData("""{"maxPerDay":4}""", "maxPerDay")]
    [InlineData("""{"days":[]}""", "days")]
    [InlineData("""{"quietFrom":"08:00:00"}""", "quietFrom")]
    [InlineData("""{"windowStart":"21:00:00","windowEnd":"22:00:00"}""", "windowStart")]
    [InlineData("""{"timeZone":"Mars/Olympus"}""", "timeZone")]
    public async Task A_cadence_that_breaks_a_rule_is_refused_naming_the_field_and_nothing_changes(string body, string field)
    {
        var (programmeId, _) = await ProgrammeWithClientAsync();
        var coordinator = app.CreateClientAs("coordinator", Roles.Coordinator);

        using var response = await coordinator.PutAsync($"/api/programmes/{programmeId}/cadence", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
        await using var scope = app.NewScope();
        Assert.Equal(3, (await scope.Db.Programmes.SingleAsync(p => p.Id == programmeId)).Cadence.MaxPerWeek);
    }

    [Fact]
    public async Task The_preview_shows_the_effect_of_a_proposed_cadence_before_it_is_saved()
    {
        var (programmeId, last) = await ProgrammeWithClientAsync(clients: 13);
        await using (var scope = app.NewScope())
        {
            // A simulator test client in the programme is practice: the preview leaves it out.
            await scope.Db.Clients.Where(c => c.Id == last).ExecuteUpdateAsync(s => s.SetProperty(c => c.TestOwnerId, "trainer"));
        }

        var coordinator = app.CreateClientAs("coordinator", Roles.Coordinator);

        var generous = await PreviewAsync(coordinator, programmeId, new { maxPerWeek = 7, maxPerDay = 2, followUps = 2, maxPerStep = 3, followUpAfterHours = 4 });
        var strict = await PreviewAsync(coordinator, programmeId, new { maxPerWeek = 1, days = TuesdayOnly, windowEnd = "12:00:00" });

        Assert.Equal(12, strict.GetProperty("clients").GetInt32());
        Assert.True(generous.GetProperty("meanPerClientPerWeek").GetDouble() > strict.GetProperty("meanPerClientPerWeek").GetDouble());
        Assert.Equal(1, strict.GetProperty("maxPerClientPerWeek").GetInt32());
        var strictHours = strict.GetProperty("sendTimes").EnumerateArray().Where(h => h.GetProperty("messages").GetInt32() > 0).Select(h => h.GetProperty("hour").GetInt32()).ToList();
        Assert.NotEmpty(strictHours);
        Assert.All(strictHours, hour => Assert.InRange(hour, 9, 11));
        await using var check = app.NewScope();
        Assert.Equal(3, (await check.Db.Programmes.SingleAsync(p => p.Id == programmeId)).Cadence.MaxPerWeek); // a preview saves nothing
    }

    [Fact]
    public async Task Mentors_may_not_change_or_preview_a_cadence()
    {
        var (programmeId, _) = await ProgrammeWithClientAsync();
        var mentor = app.CreateClientAs("mentor", Roles.Mentor);

        using var put = await mentor.PutAsJsonAsync($"/api/programmes/{programmeId}/cadence", new { maxPerWeek = 7 });
        using var preview = await mentor.PostAsJsonAsync($"/api/programmes/{programmeId}/cadence/preview", new { });

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (put.StatusCode, preview.StatusCode));
    }

    private static async Task<JsonElement> PreviewAsync(HttpClient coordinator, int programmeId, object cadence)
    {
        using var response = await coordinator.PostAsJsonAsync($"/api/programmes/{programmeId}/cadence/preview", cadence);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<(int ProgrammeId, int ClientId)> ProgrammeWithClientAsync(int clients = 1)
    {
        int programmeId;
        await using (var scope = app.NewScope())
        {
            var programme = new Programme { Name = $"P{Guid.NewGuid():N}", CreatedAt = app.Time.GetUtcNow() };
            scope.Db.Programmes.Add(programme);
            await scope.Db.SaveChangesAsync();
            programmeId = programme.Id;
        }

        var clientId = 0;
        for (var i = 0; i < clients; i++)
        {
            var client = await app.AddClientAsync(Phones.Next());
            await using var scope = app.NewScope();
            await scope.Db.Clients.Where(c => c.Id == client.Id).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.ProgrammeId, programmeId).SetProperty(c => c.PreferredTime, new TimeOnly(9 + i % 10, 0)));
            clientId = client.Id;
        }

        return (programmeId, clientId);
    }
}
