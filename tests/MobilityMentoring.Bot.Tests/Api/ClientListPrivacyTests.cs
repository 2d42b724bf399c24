using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Api;

/// <summary>Issue 15, finding 10: coordinators got full phone numbers from /api/clients while the pages mask them.</summary>
public sealed class ClientListPrivacyTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public async Task Only_the_own_mentor_gets_the_full_phone_number_from_the_client_list()
    {
        var phone = Phones.Next();
        var client = await app.AddClientAsync(phone);

        var ofCoordinator = await PhoneOfAsync(app.CreateClientAs("coordinator", Roles.Coordinator), client.Id);
        var ofMentor = await PhoneOfAsync(app.CreateClientAs(client.MentorId!, Roles.Mentor), client.Id);

        Assert.Equal(phone, ofMentor);
        Assert.NotEqual(phone, ofCoordinator);
        Assert.Equal(client.Phone.Masked, ofCoordinator);
    }

    [Fact]
    public async Task A_coordinator_who_enrols_or_moves_a_client_gets_the_number_back_masked()
    {
        await app.AddClientAsync(Phones.Next()); // a programme
        var (mentor, _) = await app.AddAccountAsync(Roles.Mentor, "enrolled-for");
        using var coordinator = app.CreateClientAs("coordinator", Roles.Coordinator);
        var phone = Phones.Next();

        using var enrolled = await coordinator.PostAsJsonAsync("/api/clients", new { phone, firstName = "Nieuw", language = "nl", channel = "Sms", mentorId = mentor });
        Assert.Equal(HttpStatusCode.Created, enrolled.StatusCode);
        var body = await enrolled.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(phone, body.GetProperty("phone").GetString());

        using var moved = await coordinator.PostAsJsonAsync($"/api/clients/{body.GetProperty("id").GetInt32()}/mentor", new { mentorId = mentor });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.NotEqual(phone, (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("phone").GetString());

        using var simulated = await coordinator.PostAsJsonAsync("/api/clients", new { phone = Phones.Next(), firstName = "Sim", channel = "Simulator", mentorId = mentor });
        Assert.Equal(HttpStatusCode.BadRequest, simulated.StatusCode);
        Assert.Contains("\"channel\"", await simulated.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<string?> PhoneOfAsync(HttpClient http, int clientId)
    {
        var clients = await http.GetFromJsonAsync<JsonElement>("/api/clients");
        return clients.EnumerateArray().Single(c => c.GetProperty("id").GetInt32() == clientId).GetProperty("phone").GetString();
    }
}

/// <summary>
/// What the template's AllowedHosts buys (the framework's host filtering; this passed before issue 15 too, the finding's
/// guard is <c>ConfigurationTemplateTests.The_template_names_the_hosts_the_service_answers_to</c>).
/// </summary>
public sealed class AllowedHostsTests
{
    [Fact]
    public async Task A_request_for_a_host_the_service_does_not_serve_is_refused()
    {
        await using var app = new BotAppFactory().WithSetting("AllowedHosts", "coachbot.gemeente.example");
        await ((IAsyncLifetime)app).InitializeAsync();
        using var http = app.CreateClient();

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/health/live") { Headers = { Host = "evil.example" } };
        using var right = new HttpRequestMessage(HttpMethod.Get, "/health/live") { Headers = { Host = "coachbot.gemeente.example" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(wrong)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(right)).StatusCode);
    }
}
