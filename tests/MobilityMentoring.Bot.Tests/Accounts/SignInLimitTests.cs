using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Privacy;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Accounts;

/// <summary>
/// Issue 15, finding 7: sign-in had no limit per address or per account, told a locked account from a wrong password,
/// and five wrong passwords from anyone locked a mentor out for a quarter of an hour.
/// </summary>
public sealed partial class SignInLimitTests(BotAppFactory app) : IClassFixture<BotAppFactory>
{
    private const string RealPassword = "Limit-test-2026";

    private enum Kind { Locked, WrongPassword, Unknown }

    [Fact]
    public async Task A_hundred_form_sign_ins_from_one_address_over_twenty_accounts_meet_429_before_the_thirtieth_and_never_tell_locked_from_unknown()
    {
        var accounts = await TwentyAccountsAsync("form");
        using var http = app.CreateClientFrom("203.0.113.10");
        var token = await http.FormTokenAsync();

        var answers = new List<Answer>();
        for (var i = 0; i < 100; i++)
        {
            var (email, password, _) = accounts[i % accounts.Count];
            using var response = await http.PostAsync("/account/sign-in", new FormUrlEncodedContent(
                [new("__RequestVerificationToken", token), new("Email", email), new("Password", password)]));
            answers.Add(new Answer((int)response.StatusCode, FormToken().Replace(await response.Content.ReadAsStringAsync(), "").Replace(email, "EMAIL", StringComparison.Ordinal),
                response.Headers.RetryAfter?.Delta));
        }

        AssertLimitedAndAlike(answers, accounts);
        Assert.Contains("E-mailadres of wachtwoord klopt niet.", answers[0].Body, StringComparison.Ordinal);
        Assert.Contains("Te veel pogingen", answers[^1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hundred_api_logins_from_one_address_over_twenty_accounts_meet_429_before_the_thirtieth_and_never_tell_locked_from_unknown()
    {
        var accounts = await TwentyAccountsAsync("api");
        using var http = app.CreateClientFrom("203.0.113.11");

        var answers = new List<Answer>();
        for (var i = 0; i < 100; i++)
        {
            var (email, password, _) = accounts[i % accounts.Count];
            using var response = await http.LoginAsync(email, password);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            answers.Add(new Answer((int)response.StatusCode, TraceId().Replace(await response.Content.ReadAsStringAsync(), ""), response.Headers.RetryAfter?.Delta));
        }

        AssertLimitedAndAlike(answers, accounts);
    }

    /// <summary>
    /// Issue 15, finding 7 ("anyone can lock every mentor out"): the account's limit alone would keep the mentor out for
    /// as long as strangers keep guessing. A browser that signed in to the account before has a limit of its own.
    /// </summary>
    [Fact]
    public async Task A_mentor_signs_in_from_a_known_browser_while_strangers_guess_the_password()
    {
        var email = $"known-{Guid.NewGuid():N}@limit.test";
        await app.AddUserAsync(email, RealPassword, "Bekend", Roles.Mentor);
        using var own = app.CreateClientFrom("192.0.2.31");
        await own.SignedInAsync(email, RealPassword);
        using (var signOut = await own.PostAsync("/account/sign-out", new FormUrlEncodedContent([new("__RequestVerificationToken", await own.FormTokenAsync())])))
        {
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        }

        for (var i = 1; i <= 30; i++)
        {
            using var attacker = app.CreateClientFrom($"203.0.113.{i}");
            using var guess = await attacker.SignInAsync(email, "guess-" + i);
        }

        using var stranger = app.CreateClientFrom("192.0.2.32");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await stranger.SignInAsync(email, RealPassword)).StatusCode);
        await own.SignedInAsync(email, RealPassword);
    }

    [Fact]
    public async Task Wrong_passwords_from_many_addresses_throttle_an_account_for_a_minute_and_lock_nothing()
    {
        var email = $"target-{Guid.NewGuid():N}@limit.test";
        await app.AddUserAsync(email, RealPassword, "Doelwit", Roles.Mentor);

        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 30; i++)
        {
            using var attacker = app.CreateClientFrom($"198.51.100.{i}");
            using var response = await (i % 2 == 0 ? attacker.LoginAsync(email, "guess-" + i) : attacker.SignInAsync(email, "guess-" + i));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.InRange(response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
            }
        }

        // The account's limit holds whichever address or surface the guesses come from: five a minute get an answer.
        Assert.Equal(5, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
        Assert.Equal(25, statuses.Count(s => s == HttpStatusCode.TooManyRequests));

        // A minute later the mentor signs in with their own password, on both surfaces: no lockout was counted.
        app.Time.Advance(TimeSpan.FromMinutes(1));
        using var mentor = app.CreateClientFrom("192.0.2.20");
        await mentor.SignedInAsync(email, RealPassword);
        await mentor.TokensAsync(email, RealPassword);
        await using var scope = app.NewScope();
        var user = await scope.Db.Users.AsNoTracking().SingleAsync(u => u.Email == email);
        Assert.Null(user.LockoutEnd);
    }

    [Fact]
    public async Task Token_refresh_is_limited_per_address_too()
    {
        using var http = app.CreateClientFrom("203.0.113.12");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            using var response = await http.PostAsync("/api/auth/refresh", JsonContent.Create(new { refreshToken = "guess-" + i }));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, statuses[0]);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task Sign_ins_failed_sign_ins_token_issue_and_refresh_are_audited_and_never_with_the_password()
    {
        var email = $"audited-{Guid.NewGuid():N}@limit.test";
        var unknown = $"nobody-{Guid.NewGuid():N}@limit.test";
        var id = await app.AddUserAsync(email, RealPassword, "Audit", Roles.Mentor);
        using var http = app.CreateClientFrom("203.0.113.13");

        using var wrong = await http.SignInAsync(email, "Wrong-password-1");
        using var stranger = await http.SignInAsync(unknown, "Wrong-password-2");
        await http.SignedInAsync(email, RealPassword);
        using var script = app.CreateClientFrom("203.0.113.14");
        var (_, refresh) = await script.TokensAsync(email, RealPassword);
        using var refreshed = await script.PostAsync("/api/auth/refresh", JsonContent.Create(new { refreshToken = refresh }));
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);

        await using var scope = app.NewScope();
        var rows = await scope.Db.AuditEntries.AsNoTracking().Where(a => a.At >= app.Time.GetUtcNow().AddMinutes(-5)).OrderBy(a => a.Id).ToListAsync();
        var mine = rows.Where(a => a.Subject == $"user:{id}").Select(a => a.Action).ToList();
        Assert.Equal([AuditAction.SignInFailed, AuditAction.SignIn, AuditAction.TokenIssued, AuditAction.TokenRefresh], mine);
        // The unknown address is written masked (only this test's unknown address starts with an n).
        var failed = Assert.Single(rows, a => a.Action == AuditAction.SignInFailed && a.Subject.StartsWith("email:n", StringComparison.Ordinal));
        Assert.DoesNotContain(unknown, failed.Subject + failed.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("@limit.test", failed.Subject, StringComparison.Ordinal);
        Assert.All(rows, a => Assert.DoesNotContain("Wrong-password", a.Subject + a.Detail, StringComparison.Ordinal));
        Assert.All(rows, a => Assert.DoesNotContain(RealPassword, a.Subject + a.Detail, StringComparison.Ordinal));
    }

    private sealed record Answer(int Status, string Body, TimeSpan? RetryAfter);

    /// <summary>429 before the 30th attempt and from then on; every other answer alike, whatever the account was.</summary>
    private static void AssertLimitedAndAlike(List<Answer> answers, IReadOnlyList<(string Email, string Password, Kind Kind)> accounts)
    {
        var first = answers.FindIndex(a => a.Status == StatusCodes429);
        Assert.InRange(first, 1, 28);
        Assert.All(answers.Skip(first), a => Assert.Equal(StatusCodes429, a.Status));
        Assert.All(answers.Skip(first), a => Assert.NotNull(a.RetryAfter));

        // Before the limit, the locked accounts (tried with their real password), the wrong passwords and the unknown
        // addresses all got the one same answer, and each kind was tried.
        Assert.Equal([Kind.Locked, Kind.WrongPassword, Kind.Unknown], Enumerable.Range(0, first).Select(i => accounts[i % accounts.Count].Kind).Distinct().Order());
        Assert.Single(answers.Take(first).Distinct());
        Assert.Single(answers.Skip(first).Select(a => a with { RetryAfter = null }).Distinct());
    }

    private const int StatusCodes429 = 429;

    /// <summary>Twenty accounts in turn: locked (tried with the real password), wrong password, and two unknown.</summary>
    private async Task<List<(string Email, string Password, Kind Kind)>> TwentyAccountsAsync(string name)
    {
        await using var scope = app.NewScope();
        var users = scope.Services.GetRequiredService<UserManager<BotUser>>();
        var accounts = new List<(string, string, Kind)>();
        for (var i = 0; i < 5; i++)
        {
            foreach (var kind in new[] { Kind.Locked, Kind.WrongPassword, Kind.Unknown, Kind.Unknown })
            {
                var email = $"{name}-{kind}-{i}-{Guid.NewGuid():N}@limit.test".ToLowerInvariant();
                if (kind != Kind.Unknown)
                {
                    var user = new BotUser { UserName = email, Email = email, FirstName = "Mentor" };
                    Assert.True((await users.CreateAsync(user, RealPassword)).Succeeded);
                    Assert.True((await users.AddToRoleAsync(user, Roles.Mentor)).Succeeded);
                    if (kind == Kind.Locked)
                    {
                        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
                    }
                }

                accounts.Add((email, kind == Kind.WrongPassword ? "Not-the-password-1" : RealPassword, kind));
            }
        }

        return accounts;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"")]
    private static partial Regex FormToken();

    [GeneratedRegex("\"traceId\":\"[^\"]*\"")]
    private static partial Regex TraceId();
}
