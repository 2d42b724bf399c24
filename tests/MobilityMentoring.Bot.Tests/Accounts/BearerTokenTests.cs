using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Accounts;

public sealed class BearerTokenTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public async Task A_script_signs_in_for_a_bearer_token_sees_only_its_mentors_clients_and_refreshes_it()
    {
        var (email, password, mentorId) = await AddMentorAsync("script");
        await app.AddClientAsync(Phones.Next()); // someone else's client
        var own = await app.AddClientAsync(Phones.Next());
        await using (var scope = app.NewScope())
        {
            var client = await scope.Db.Clients.FindAsync(own.Id);
            client!.MentorId = mentorId;
            await scope.Db.SaveChangesAsync();
        }

        var http = app.CreateClient();
        using var login = await http.PostAsJsonAsync("/api/auth/login", new { email, password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var tokens = await login.Content.ReadFromJsonAsync<JsonElement>();

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        var clients = await http.GetFromJsonAsync<JsonElement>("/api/clients");
        Assert.Equal([own.Id], clients.EnumerateArray().Select(c => c.GetProperty("id").GetInt32()));

        using var refreshed = await app.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() });
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.True((await refreshed.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("accessToken", out _));

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        using var forged = await http.GetAsync("/api/clients");
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    [Fact]
    public async Task Wrong_passwords_get_a_plain_401_and_lock_nothing()
    {
        // Issue 15, finding 7: wrong passwords used to count towards Identity's lockout, so anyone could lock a mentor
        // out; now the per-account limit slows guessing instead (SignInLimitTests).
        var (email, password, _) = await AddMentorAsync("locked");
        using var http = app.CreateClientFrom("192.0.2.30");

        for (var i = 0; i < 5; i++)
        {
            using var wrong = await http.PostAsJsonAsync("/api/auth/login", new { email, password = "guess-" + i });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Contains("Wrong email, password or code.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        app.Time.Advance(TimeSpan.FromMinutes(1)); // past the account's sign-in limit for this minute
        using var right = await http.PostAsJsonAsync("/api/auth/login", new { email, password });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        using var refresh = await http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "garbage" });
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    private async Task<(string Email, string Password, string Id)> AddMentorAsync(string name)
    {
        await using var scope = app.NewScope();
        var users = scope.Services.GetRequiredService<UserManager<BotUser>>();
        var email = $"{name}-{Guid.NewGuid():N}@test";
        var user = new BotUser { UserName = email, Email = email, FirstName = "Script" };
        const string password = "Bearer-test-2026";
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Mentor)).Succeeded);
        return (email, password, user.Id);
    }
}
