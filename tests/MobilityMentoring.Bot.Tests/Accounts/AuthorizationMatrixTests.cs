using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Accounts;

/// <summary>
/// Every endpoint the service maps, for every kind of caller: the table below must name each one, so a new endpoint
/// cannot slip in without a decision about who may use it.
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixTests.App app) : IClassFixture<AuthorizationMatrixTests.App>
{
    public sealed class App : TwilioAppFactory;

    private const string Anonymous = "anonymous", MentorA = "mentor A (own client)", MentorB = "mentor B (someone else's)",
        Coordinator = "coordinator", Admin = "admin";

    private static readonly string[] Callers = [Anonymous, MentorA, MentorB, Coordinator, Admin];
    private static readonly string[] Everyone = Callers;
    private static readonly string[] Staff = [MentorA, MentorB, Coordinator, Admin];
    private static readonly string[] MentorsAndCoordinators = [MentorA, MentorB, Coordinator];
    private static readonly string[] OwnerAndCoordinator = [MentorA, Coordinator];
    private static readonly string[] CoordinatorOnly = [Coordinator];
    private static readonly string[] OwnerOnly = [MentorA];
    private static readonly string[] AdminOnly = [Admin];
    private static readonly string[] OwnerAndAdmin = [MentorA, Admin];
    private static readonly string[] Nobody = [];

    /// <summary>A page answers every method; these are the ones a browser uses.</summary>
    private static readonly string[] PageMethods = ["GET", "POST"];

    /// <summary>Who gets past authorization, per endpoint. Twilio's webhooks are for Twilio's signature only.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["GET /"] = Staff,
        ["POST /"] = Staff,
        ["GET /clients/{id:int}"] = OwnerOnly,
        ["POST /clients/{id:int}"] = OwnerOnly,
        ["GET /clients/{id:int}/export"] = OwnerAndAdmin,
        ["POST /clients/{id:int}/export"] = Nobody,
        ["GET /clients/{id:int}/case"] = OwnerAndCoordinator,
        ["POST /clients/{id:int}/case"] = OwnerAndCoordinator,
        ["GET /programmes/{id:int}/cadence"] = CoordinatorOnly,
        ["POST /programmes/{id:int}/cadence"] = CoordinatorOnly,
        ["GET /reports"] = CoordinatorOnly,
        ["POST /reports"] = CoordinatorOnly,
        ["GET /rewards"] = CoordinatorOnly,
        ["POST /rewards"] = CoordinatorOnly,
        ["GET /account/language"] = Staff,
        ["POST /account/language"] = Staff,
        ["GET /programmes"] = CoordinatorOnly,
        ["POST /programmes"] = CoordinatorOnly,
        ["GET /admin/users"] = AdminOnly,
        ["POST /admin/users"] = AdminOnly,
        ["GET /admin/audit"] = AdminOnly,
        ["POST /admin/audit"] = AdminOnly,
        ["GET /api/audit"] = AdminOnly,
        ["GET /account/sign-in"] = Everyone,
        ["POST /account/sign-in"] = Everyone,
        ["GET /account/sign-in/code"] = Everyone,
        ["POST /account/sign-in/code"] = Everyone,
        ["GET /account/password"] = Staff,
        ["POST /account/password"] = Staff,
        ["GET /account/two-factor"] = Staff,
        ["POST /account/two-factor"] = Staff,
        ["GET /account/sign-out"] = Staff,
        ["POST /account/sign-out"] = Staff,
        ["GET /health/live"] = Everyone,
        ["GET /health/ready"] = Everyone,
        ["POST /twilio/messages"] = Nobody,
        ["POST /twilio/status"] = Nobody,
        ["GET /simulator/"] = Staff,
        ["GET /simulator/api/clients"] = Staff,
        ["POST /simulator/api/clients"] = Staff,
        ["GET /simulator/api/messages"] = Staff,
        ["POST /simulator/api/messages"] = Staff,
        ["GET /openapi/{documentName}.json"] = Staff,
        ["POST /api/auth/login"] = Everyone,
        ["POST /api/auth/refresh"] = Everyone,
        ["GET /api/clients/"] = MentorsAndCoordinators,
        ["GET /api/caseload"] = MentorsAndCoordinators,
        ["GET /api/clients/{id:int}/flags"] = OwnerOnly,
        ["POST /api/clients/{id:int}/flags/{flagId:int}/handled"] = OwnerOnly,
        ["GET /api/clients/{id:int}/transcript"] = OwnerOnly,
        ["GET /api/clients/{id:int}/export"] = OwnerAndAdmin,
        ["POST /api/clients/{id:int}/erase"] = CoordinatorOnly,
        ["GET /api/clients/{id:int}/summary"] = OwnerOnly,
        ["POST /api/clients/{id:int}/summary/reviewed"] = OwnerOnly,
        ["POST /api/clients/{id:int}/messages"] = OwnerOnly,
        ["POST /api/clients/{id:int}/handoff"] = OwnerOnly,
        ["PUT /api/clients/{id:int}/steps/{stepId:int}"] = OwnerAndCoordinator,
        ["GET /api/reports/weekly"] = CoordinatorOnly,
        ["GET /api/reports/evaluation"] = CoordinatorOnly,
        ["GET /api/programmes/"] = CoordinatorOnly,
        ["POST /api/programmes/"] = CoordinatorOnly,
        ["PUT /api/programmes/{id:int}"] = CoordinatorOnly,
        ["POST /api/clients/{id:int}/mentor"] = CoordinatorOnly,
        ["POST /api/clients/{id:int}/close"] = OwnerAndCoordinator,
        ["POST /api/clients/{id:int}/reopen"] = OwnerAndCoordinator,
        ["GET /api/users/"] = AdminOnly,
        ["POST /api/users/"] = AdminOnly,
        ["PUT /api/users/{id}/role"] = AdminOnly,
        ["POST /api/clients/"] = MentorsAndCoordinators,
        ["POST /api/clients/{id:int}/steps"] = OwnerAndCoordinator,
        ["GET /api/rewards/pending"] = MentorsAndCoordinators,
        ["POST /api/rewards/{id:long}/approve"] = OwnerAndCoordinator,
        ["GET /api/programmes/{id:int}/cadence/"] = CoordinatorOnly,
        ["PUT /api/programmes/{id:int}/cadence/"] = CoordinatorOnly,
        ["POST /api/programmes/{id:int}/cadence/preview"] = CoordinatorOnly,
    };

    [Fact]
    public async Task Every_endpoint_lets_in_exactly_the_callers_the_table_names()
    {
        var (clientId, rewardId, programmeId, mentorA, mentorB) = await ArrangeAsync();
        int stepId;
        await using (var scope = app.NewScope())
        {
            stepId = await scope.Db.Steps.Where(s => s.Goal!.ClientId == clientId).Select(s => s.Id).FirstAsync();
        }

        var login = $$"""{"email":"{{LoginEmail}}","password":"{{LoginPassword}}"}""";
        using var first = await app.CreateClient().PostAsync("/api/auth/login", new StringContent(login, System.Text.Encoding.UTF8, "application/json"));
        var refresh = $$"""{"refreshToken":"{{(await first.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("refreshToken").GetString()}}"}""";
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods
                              ?? (e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null ? PageMethods : ["GET"]))
                .Select(method => (Method: method, Pattern: "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Distinct().ToList();

        Assert.Equal(Allowed.Keys.Order(), endpoints.Select(e => $"{e.Method} {e.Pattern}").Order());

        var failures = new List<string>();
        foreach (var (method, pattern) in endpoints)
        {
            var url = pattern.Replace("{id:int}", (pattern.Contains("clients/", StringComparison.Ordinal) ? clientId : programmeId).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{id}", "someone", StringComparison.Ordinal)
                .Replace("{id:long}", rewardId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{stepId:int}", stepId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{flagId:int}", "0", StringComparison.Ordinal)
                .Replace("{documentName}", "v1", StringComparison.Ordinal);
            foreach (var caller in Callers)
            {
                using var http = caller switch
                {
                    Anonymous => app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }),
                    MentorA => app.CreateClientAs(mentorA, Roles.Mentor),
                    MentorB => app.CreateClientAs(mentorB, Roles.Mentor),
                    Coordinator => app.CreateClientAs("coordinator", Roles.Coordinator),
                    _ => app.CreateClientAs("admin", Roles.Admin),
                };
                var page = !pattern.StartsWith("/api", StringComparison.Ordinal) && !pattern.StartsWith("/twilio", StringComparison.Ordinal)
                           && !pattern.StartsWith("/simulator/api", StringComparison.Ordinal) && !pattern.StartsWith("/health", StringComparison.Ordinal);
                using var request = new HttpRequestMessage(new HttpMethod(method), url
                                                                                       + (page && method == "POST" && url.StartsWith("/clients", StringComparison.Ordinal) ? "?handler=HandOff" : ""))
                {
                    Content = method == "GET" ? null
                        : url.StartsWith("/twilio", StringComparison.Ordinal) ? new FormUrlEncodedContent([new("From", "+31612345678"), new("Body", "Hoi")])
                        : page ? new FormUrlEncodedContent([new("__RequestVerificationToken", await AntiforgeryTokenAsync(http)), new("toMentor", "false")])
                        : new StringContent(url.EndsWith("login", StringComparison.Ordinal) ? login : url.EndsWith("refresh", StringComparison.Ordinal) ? refresh : "{}",
                            System.Text.Encoding.UTF8, "application/json"),
                };
                using var response = await http.SendAsync(request);

                // Denied: 401, 403, 404, or a redirect to sign in first (it carries a ReturnUrl). A page's own redirect is fine.
                var toSignIn = response.Headers.Location?.OriginalString.Contains("ReturnUrl=", StringComparison.Ordinal) == true;
                var got = response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound) && !toSignIn;
                var expected = Allowed[$"{method} {pattern}"].Contains(caller);
                if (got != expected)
                {
                    failures.Add($"{method} {url} as {caller}: {(int)response.StatusCode}, expected {(expected ? "allowed" : "denied")}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>A form token for this caller, from the sign-in page every caller may open.</summary>
    private static async Task<string> AntiforgeryTokenAsync(HttpClient http)
    {
        var html = await http.GetStringAsync("/account/sign-in");
        var match = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        Assert.True(match.Success, "the sign-in page carries a form token");
        return match.Groups[1].Value;
    }

    private const string LoginEmail = "login@matrix.test", LoginPassword = "Matrix-login-2026";

    private async Task<(int ClientId, long RewardId, int ProgrammeId, string MentorA, string MentorB)> ArrangeAsync()
    {
        var client = await app.AddClientAsync(Phones.Next());
        await using var scope = app.NewScope();
        var stored = await scope.Db.Clients.SingleAsync(c => c.Id == client.Id);
        var other = new BotUser { UserName = "b@matrix.test", Email = "b@matrix.test", FirstName = "Els" };
        scope.Db.Users.Add(other);
        // The coordinator and the admin are accounts too: pages about one's own account look the caller up.
        scope.Db.Users.AddRange(new BotUser { Id = "coordinator", UserName = "c@matrix.test", Email = "c@matrix.test" },
            new BotUser { Id = "admin", UserName = "a@matrix.test", Email = "a@matrix.test" });
        var users = scope.Services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<BotUser>>();
        Assert.True((await users.CreateAsync(new BotUser { UserName = LoginEmail, Email = LoginEmail }, LoginPassword)).Succeeded);
        var reward = new RewardEntry { ClientId = client.Id, Kind = RewardKind.Milestone, Amount = 10m, Reason = "milestone 50" };
        scope.Db.RewardEntries.Add(reward);
        await scope.Db.SaveChangesAsync();
        return (client.Id, reward.Id, stored.ProgrammeId, stored.MentorId!, other.Id);
    }
}
