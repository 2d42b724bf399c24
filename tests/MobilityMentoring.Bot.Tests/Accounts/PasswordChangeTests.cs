using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Privacy;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Accounts;

/// <summary>Issue 15, finding 7: staff could not change their password; now they can, and their other sessions end.</summary>
public sealed class PasswordChangeTests(BotAppFactory app) : IClassFixture<BotAppFactory>
{
    /// <summary>Someone at an unlocked screen guesses the current password no faster than at the sign-in page.</summary>
    [Fact]
    public async Task Guesses_of_the_current_password_are_limited_and_audited()
    {
        var email = $"guessed-{Guid.NewGuid():N}@password.test";
        var id = await app.AddUserAsync(email, "Real-password-2026", "Wim", Roles.Mentor);
        using var here = app.CreateClientFrom("192.0.2.60");
        await here.SignedInAsync(email, "Real-password-2026");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            using var guess = await here.PostFormAsync("/account/password", "", [new("currentPassword", "Guess-" + i), new("newPassword", "New-password-2026"), new("confirmation", "New-password-2026")]);
            statuses.Add(guess.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        await using var scope = app.NewScope();
        Assert.Equal(statuses.Count(s => s != HttpStatusCode.TooManyRequests),
            await scope.Db.AuditEntries.CountAsync(a => a.Action == AuditAction.SignInFailed && a.Subject == $"user:{id}" && a.Detail!.StartsWith("password page")));
    }

    [Fact]
    public async Task A_mentor_changes_their_password_this_session_stays_and_every_other_session_and_token_ends()
    {
        const string old = "Old-password-2026", changed = "New-password-2026";
        var email = $"mentor-{Guid.NewGuid():N}@password.test";
        var id = await app.AddUserAsync(email, old, "Wim", Roles.Mentor);
        using var here = app.CreateClientFrom("192.0.2.50");
        using var elsewhere = app.CreateClientFrom("192.0.2.51");
        await here.SignedInAsync(email, old);
        await elsewhere.SignedInAsync(email, old);
        var (_, refresh) = await app.CreateClientFrom("192.0.2.52").TokensAsync(email, old);

        using var wrongCurrent = await here.PostFormAsync("/account/password", "", [new("currentPassword", "Not-my-password"), new("newPassword", changed), new("confirmation", changed)]);
        Assert.Equal("Niet gewijzigd: het huidige wachtwoord klopt niet.", await here.NoticeAfterAsync(wrongCurrent));
        using var mismatch = await here.PostFormAsync("/account/password", "", [new("currentPassword", old), new("newPassword", changed), new("confirmation", changed + "!")]);
        Assert.Equal("Niet gewijzigd: de twee nieuwe wachtwoorden zijn niet gelijk.", await here.NoticeAfterAsync(mismatch));
        using var tooShort = await here.PostFormAsync("/account/password", "", [new("currentPassword", old), new("newPassword", "kort"), new("confirmation", "kort")]);
        Assert.StartsWith("Niet gewijzigd:", await here.NoticeAfterAsync(tooShort), StringComparison.Ordinal);

        using var done = await here.PostFormAsync("/account/password", "", [new("currentPassword", old), new("newPassword", changed), new("confirmation", changed)]);
        Assert.Equal("Je wachtwoord is gewijzigd. Op andere apparaten moet je opnieuw inloggen.", await here.NoticeAfterAsync(done));

        // The refresh token from before is refused at once; other cookies as soon as the cookie is checked again.
        using var refreshed = await app.CreateClientFrom("192.0.2.52").PostAsJsonAsync("/api/auth/refresh", new { refreshToken = refresh });
        Assert.Equal(HttpStatusCode.Unauthorized, refreshed.StatusCode);
        app.Time.Advance(TimeSpan.FromMinutes(31));
        using (var other = await elsewhere.GetAsync("/"))
        {
            Assert.Contains("/account/sign-in", other.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        using (var mine = await here.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        }

        using var oldPassword = await app.CreateClientFrom("192.0.2.53").SignInAsync(email, old);
        Assert.Equal(HttpStatusCode.OK, oldPassword.StatusCode); // the form again, with "wrong email or password"
        await app.CreateClientFrom("192.0.2.53").SignedInAsync(email, changed);

        await using var scope = app.NewScope();
        var audit = await scope.Db.AuditEntries.SingleAsync(a => a.Action == AuditAction.PasswordChange);
        Assert.Equal((id, $"user:{id}"), (audit.Actor, audit.Subject));
    }
}
