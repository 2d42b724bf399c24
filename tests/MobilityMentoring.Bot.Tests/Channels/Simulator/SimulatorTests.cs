using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Channels.Inbound;
using MobilityMentoring.Bot.Channels.Simulator;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Privacy;
using System.Text.RegularExpressions;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Channels.Simulator;

public sealed class SimulatorTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public async Task A_mentor_makes_a_test_client_and_chats_through_the_same_pipeline_and_nothing_goes_to_Twilio()
    {
        await app.AddClientAsync(Phones.Next()); // a programme to join
        var (mentor, _) = await app.AddAccountAsync(Roles.Mentor, "sim");
        using var http = app.CreateClientAs(mentor, Roles.Mentor);

        var made = await http.PostAsJsonAsync("/simulator/api/clients", new NewTestClientRequest("Tess", "nl"));
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var test = (await made.Content.ReadFromJsonAsync<SimulatorClient>())!;
        Assert.StartsWith("+447700900", test.Phone, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsJsonAsync("/simulator/api/messages", new SimulatorMessageRequest(test.Id, "HULP"))).StatusCode);
        var conversation = await Eventually.GetAsync(
            () => http.GetFromJsonAsync<List<SimulatorMessage>>($"/simulator/api/messages?clientId={test.Id}"),
            messages => messages.Any(m => m.Direction == "out" && m.Status == "Delivered"),
            "the simulated reply");
        Assert.Equal(["in", "out"], conversation.Select(m => m.Direction));
        Assert.Equal("HULP", conversation[0].Text);
        Assert.Contains("computer, geen mens", conversation[1].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Twilio.Requests, r => r.Form["To"].Contains(test.Phone[3..], StringComparison.Ordinal));

        Assert.Equal([test.Id], (await http.GetFromJsonAsync<List<SimulatorClient>>("/simulator/api/clients"))!.Select(c => c.Id));
        await using var scope = app.NewScope();
        var client = await scope.Db.Clients.SingleAsync(c => c.Id == test.Id);
        Assert.Equal((mentor, mentor, Channel.Simulator), (client.TestOwnerId, client.MentorId, client.Channel));
        Assert.Equal([AuditAction.SimulatorClientCreate, AuditAction.SimulatorMessage],
            await scope.Db.AuditEntries.Where(a => a.Subject == $"client:{test.Id}").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task The_page_is_served_to_staff()
    {
        var page = await app.CreateClientAs("page-mentor", Roles.Mentor).GetStringAsync("/simulator");
        Assert.Contains("<form id=\"send\">", page, StringComparison.Ordinal);
        Assert.Contains("Nieuwe testcliënt", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_is_a_validation_problem_naming_the_field()
    {
        using var http = app.CreateClientAs("bad-input", Roles.Mentor);
        var response = await http.PostAsJsonAsync("/simulator/api/messages", new SimulatorMessageRequest(1, null));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"text\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var language = await http.PostAsJsonAsync("/simulator/api/clients", new NewTestClientRequest("X", "de"));
        Assert.Equal(HttpStatusCode.BadRequest, language.StatusCode);
        Assert.Contains("\"language\"", await language.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_test_number_is_never_enrolled_as_a_real_client()
    {
        var real = await app.AddClientAsync(Phones.Next());
        using var mentor = app.CreateClientAs(real.MentorId!, Roles.Mentor);
        var response = await mentor.PostAsJsonAsync("/api/clients", new { phone = "+447700900123", firstName = "Echt", language = "nl", channel = "Sms" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"phone\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

/// <summary>
/// Issue 15, finding 1: the simulator could post as any real client's number (STOP, consent, a planted crisis text,
/// steps done) and list every client's name and number. Now it talks only as the caller's own test clients.
/// </summary>
public sealed class SimulatorImpersonationTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public async Task Mentor_B_cannot_change_anything_about_mentor_As_client_through_the_simulator_by_cookie_or_bearer()
    {
        var real = await app.AddClientAsync(Phones.Next(), newcomer: true);
        var before = await SnapshotAsync(real.Id);
        var (mentorB, emailB) = await app.AddAccountAsync(Roles.Mentor, "mentor-b");
        using var asTestUser = app.CreateClientAs(mentorB, Roles.Mentor);
        using var bearer = await BearerClientAsync(emailB);
        using var mentorA = app.CreateClientAs(real.MentorId!, Roles.Mentor);
        var testOfA = (await (await mentorA.PostAsJsonAsync("/simulator/api/clients", new NewTestClientRequest("A's test", "nl")))
            .Content.ReadFromJsonAsync<SimulatorClient>())!;

        foreach (var http in new[] { asTestUser, bearer })
        {
            foreach (var text in new[] { "STOP", "ja", "ik wil dood", "klaar" })
            {
                // The old request shape, with the real client's number, and the new one with A's client or A's test client.
                using var byPhone = await http.PostAsJsonAsync("/simulator/api/messages", new { phone = real.Phone.Value, text });
                Assert.Equal(HttpStatusCode.NotFound, byPhone.StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsJsonAsync("/simulator/api/messages", new SimulatorMessageRequest(real.Id, text))).StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsJsonAsync("/simulator/api/messages", new SimulatorMessageRequest(testOfA.Id, text))).StatusCode);
            }

            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/simulator/api/messages?clientId={real.Id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/simulator/api/messages?clientId={testOfA.Id}")).StatusCode);
            Assert.Empty((await http.GetFromJsonAsync<List<SimulatorClient>>("/simulator/api/clients"))!);
        }

        Assert.Equal(before, await SnapshotAsync(real.Id));
    }

    [Fact]
    public async Task With_the_dashboard_cookie_a_simulator_message_needs_the_pages_token_and_reaches_only_ones_own_test_client()
    {
        var real = await app.AddClientAsync(Phones.Next());
        var before = await SnapshotAsync(real.Id);
        var (_, email) = await app.AddAccountAsync(Roles.Mentor, "cookie-b");
        using var browser = await app.SignedInClientAsync(email);
        var token = Regex.Match(await browser.GetStringAsync("/simulator/"), "name=\"csrf-token\" content=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);

        // Issue 15, finding 8 for the simulator: the cookie alone (as another web site could send it) changes nothing.
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsJsonAsync("/simulator/api/clients", new NewTestClientRequest("Zonder", "nl"))).StatusCode);
        browser.DefaultRequestHeaders.Add("X-CSRF-TOKEN", token);
        using var made = await browser.PostAsJsonAsync("/simulator/api/clients", new NewTestClientRequest("Met", "nl"));
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var own = (await made.Content.ReadFromJsonAsync<SimulatorClient>())!;

        Assert.Equal(HttpStatusCode.Accepted, (await browser.PostAsJsonAsync("/simulator/api/messages", new SimulatorMessageRequest(own.Id, "HULP"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.PostAsJsonAsync("/simulator/api/messages", new SimulatorMessageRequest(real.Id, "STOP"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.PostAsJsonAsync("/simulator/api/messages", new { phone = real.Phone.Value, text = "STOP" })).StatusCode);
        Assert.Equal(before, await SnapshotAsync(real.Id));
    }

    [Fact]
    public async Task A_test_client_cannot_be_moved_into_a_real_mentors_caseload()
    {
        var real = await app.AddClientAsync(Phones.Next());
        var (coordinator, _) = await app.AddAccountAsync(Roles.Coordinator, "mover");
        using var http = app.CreateClientAs(coordinator, Roles.Coordinator);
        var test = (await (await http.PostAsJsonAsync("/simulator/api/clients", new NewTestClientRequest("Oefen", "nl"))).Content.ReadFromJsonAsync<SimulatorClient>())!;

        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsJsonAsync($"/api/clients/{test.Id}/mentor", new { mentorId = real.MentorId })).StatusCode);
        await using var scope = app.NewScope();
        Assert.Null((await scope.Db.Clients.SingleAsync(c => c.Id == test.Id)).MentorId);
    }

    [Fact]
    public async Task A_simulator_message_from_a_real_clients_number_never_reaches_that_client()
    {
        var real = await app.AddClientAsync(Phones.Next());
        var before = await SnapshotAsync(real.Id);
        await using (var scope = app.NewScope())
        {
            await scope.Services.GetRequiredService<InboundMessageReceiver>().ReceiveAsync(
                new InboundMessage("SIM" + Guid.NewGuid().ToString("N"), Channel.Simulator, real.Phone.Value, "simulator", "STOP"), CancellationToken.None);
        }

        Assert.Equal(before, await SnapshotAsync(real.Id));
        await using var check = app.NewScope();
        Assert.False(await check.Db.Messages.AnyAsync(m => m.ClientId == real.Id && m.Channel == Channel.Simulator));
    }

    private async Task<HttpClient> BearerClientAsync(string email)
    {
        using var login = await app.NewVisitor().PostAsJsonAsync("/api/auth/login", new { email, password = RealSignIn.Password });
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>Everything a simulator message could change about a client: its row, flags, transcript, steps and rewards.</summary>
    private async Task<string> SnapshotAsync(int clientId)
    {
        await using var scope = app.NewScope();
        var client = await scope.Db.Clients.AsNoTracking().SingleAsync(c => c.Id == clientId);
        var flags = await scope.Db.Flags.CountAsync(f => f.ClientId == clientId);
        var messages = await scope.Db.Messages.CountAsync(m => m.ClientId == clientId);
        var steps = string.Join(",", await scope.Db.Steps.Where(s => s.Goal!.ClientId == clientId).Select(s => s.Status).ToListAsync());
        var rewards = await scope.Db.RewardEntries.CountAsync(r => r.ClientId == clientId);
        var state = await scope.Db.ConversationStates.AsNoTracking().Where(s => s.ClientId == clientId).Select(s => s.Dialog + "/" + s.DialogStep + "/" + s.Data + "/" + s.Version).FirstOrDefaultAsync();
        return JsonSerializer.Serialize(new { client.ConsentAt, client.OptedOutAt, client.PausedUntil, client.LastInboundAt, client.ClosedAt, flags, messages, steps, rewards, state });
    }
}

public sealed class DevelopmentFactory : BotAppFactory
{
    public DevelopmentFactory() => EnvironmentName = "Development";
}

/// <summary>Issue 15, finding 1: in Development the simulator needed no sign-in at all.</summary>
public sealed class SimulatorAccessTests(DevelopmentFactory app) : IClassFixture<DevelopmentFactory>
{
    [Fact]
    public async Task The_simulator_is_for_signed_in_staff_only_even_in_Development()
    {
        using var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/simulator/api/clients")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/simulator/api/messages", new { phone = "0612345678", text = "STOP" })).StatusCode);

        using var mentor = app.CreateClientAs("mentor", Roles.Mentor);
        Assert.Equal(HttpStatusCode.OK, (await mentor.GetAsync("/simulator/api/clients")).StatusCode);
    }
}

/// <summary>On an empty database there is no programme for a test client yet: a clear 409, not a 500.</summary>
public sealed class SimulatorWithoutProgrammeTests(BotAppFactory app) : IClassFixture<BotAppFactory>
{
    [Fact]
    public async Task A_test_client_needs_a_programme_first()
    {
        var (mentor, _) = await app.AddAccountAsync(Roles.Mentor, "early");
        using var response = await app.CreateClientAs(mentor, Roles.Mentor).PostAsJsonAsync("/simulator/api/clients", new NewTestClientRequest("Vroeg", "nl"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("coordinator starts one first", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
