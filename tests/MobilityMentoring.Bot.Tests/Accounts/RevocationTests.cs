using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Accounts;

/// <summary>
/// Issue 15, finding 3: locking an account (or changing its role or password) ends its access at once: the very next
/// cookie request is refused, the refresh token answers 401 and so does a bearer token issued before.
/// </summary>
public sealed class RevocationTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public async Task A_locked_mentor_is_refused_on_the_very_next_cookie_request_and_cannot_refresh_a_token()
    {
        var (mentorId, email) = await app.AddAccountAsync(Roles.Mentor, "departing");
        using var browser = await app.SignedInClientAsync(email);
        var tokens = await LoginAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);

        await using (var scope = app.NewScope())
        {
            var locked = await scope.Services.GetRequiredService<LockAccount>()
                .RunAsync(StaffPrincipal.For("admin-1", Roles.Admin), mentorId, locked: true, CancellationToken.None);
            Assert.True(locked.IsDone);
        }

        using var next = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Contains("/account/sign-in", next.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/caseload")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(tokens)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await BearerAsync(tokens).GetAsync("/api/caseload")).StatusCode);
    }

    [Fact]
    public async Task A_locked_account_whose_stamp_did_not_change_still_cannot_refresh_nor_use_its_cookie_or_token()
    {
        var (mentorId, email) = await app.AddAccountAsync(Roles.Mentor, "stamp");
        using var browser = await app.SignedInClientAsync(email);
        var tokens = await LoginAsync(email);
        await using (var scope = app.NewScope())
        {
            // Locked by hand (as an operator might in SQL), without a new security stamp.
            var users = scope.Services.GetRequiredService<UserManager<BotUser>>();
            var user = await users.FindByIdAsync(mentorId);
            user!.LockoutEnd = DateTimeOffset.MaxValue;
            await scope.Db.SaveChangesAsync();
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(tokens)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await BearerAsync(tokens).GetAsync("/api/caseload")).StatusCode);
    }

    [Fact]
    public async Task A_role_change_ends_the_old_sessions()
    {
        var (mentorId, email) = await app.AddAccountAsync(Roles.Mentor, "promoted");
        using var browser = await app.SignedInClientAsync(email);
        var tokens = await LoginAsync(email);
        await using (var scope = app.NewScope())
        {
            var changed = await scope.Services.GetRequiredService<ChangeRole>()
                .RunAsync(StaffPrincipal.For("admin-1", Roles.Admin), mentorId, Roles.Coordinator, CancellationToken.None);
            Assert.True(changed.IsDone);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(tokens)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await BearerAsync(tokens).GetAsync("/api/caseload")).StatusCode);
    }

    [Fact]
    public async Task A_new_password_ends_the_old_sessions()
    {
        var (mentorId, email) = await app.AddAccountAsync(Roles.Mentor, "forgetful");
        using var browser = await app.SignedInClientAsync(email);
        var tokens = await LoginAsync(email);
        await using (var scope = app.NewScope())
        {
            var users = scope.Services.GetRequiredService<UserManager<BotUser>>();
            Assert.True((await users.ChangePasswordAsync((await users.FindByIdAsync(mentorId))!, RealSignIn.Password, "Another-password-2026")).Succeeded);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(tokens)).StatusCode);
    }

    private async Task<JsonElement> LoginAsync(string email)
    {
        using var login = await app.NewVisitor().PostAsJsonAsync("/api/auth/login", new { email, password = RealSignIn.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return await login.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<HttpResponseMessage> RefreshAsync(JsonElement tokens) =>
        app.NewVisitor().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() });

    private HttpClient BearerAsync(JsonElement tokens)
    {
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        return http;
    }
}

/// <summary>The role change through both surfaces: the page form and <c>PUT /api/users/{id}/role</c>.</summary>
public sealed class ChangeRoleSurfaceTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public async Task An_admin_changes_a_role_on_the_page_and_through_the_API_and_never_their_own()
    {
        var (mentorId, _) = await app.AddAccountAsync(Roles.Mentor, "page");
        var (otherId, _) = await app.AddAccountAsync(Roles.Mentor, "api");
        using var admin = app.CreateClientAs("admin-1", Roles.Admin);

        var posted = await admin.PostFormAsync("/admin/users", "Role", [new("userId", mentorId), new("role", Roles.Coordinator)]);
        Assert.StartsWith("Rol gewijzigd", await admin.NoticeAfterAsync(posted), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/users/{otherId}/role", new { role = Roles.Admin })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync($"/api/users/{otherId}/role", new { role = "Root" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutAsJsonAsync("/api/users/admin-1/role", new { role = Roles.Mentor })).StatusCode);

        await using var scope = app.NewScope();
        var users = scope.Services.GetRequiredService<UserManager<BotUser>>();
        Assert.Equal([Roles.Coordinator], await users.GetRolesAsync((await users.FindByIdAsync(mentorId))!));
        Assert.Equal([Roles.Admin], await users.GetRolesAsync((await users.FindByIdAsync(otherId))!));
        Assert.Equal(2, scope.Db.AuditEntries.Count(a => a.Action == MobilityMentoring.Bot.Privacy.AuditAction.RoleChange));
    }
}
