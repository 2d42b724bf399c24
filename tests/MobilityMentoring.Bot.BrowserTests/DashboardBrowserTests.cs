using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace MobilityMentoring.Bot.BrowserTests;

public sealed class DashboardBrowserTests(BrowserAppFactory app) : IClassFixture<BrowserAppFactory>
{
    private const string Password = "Mentor-browser-2026";

    [Fact]
    public async Task A_mentor_signs_in_and_sees_the_client_in_crisis_first_then_help_and_only_their_own_clients()
    {
        var email = await AddMentorWithCaseloadAsync();
        var page = await app.Browser.NewPageAsync();

        await page.GotoAsync(app.ServerUrl + "/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/sign-in"));
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync("wrong-password");
        await page.Locator("button[type=submit]").Last.ClickAsync();
        await Expect(page.Locator("[role=alert]")).ToContainTextAsync("klopt niet");

        await page.Locator("#password").FillAsync(Password);
        await page.Locator("button[type=submit]").Last.ClickAsync();

        var rows = page.Locator("#caseload tbody tr");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.Nth(0)).ToContainTextAsync("Crisis");
        await Expect(rows.Nth(0)).ToContainTextAsync("Amira");
        await Expect(rows.Nth(1)).ToContainTextAsync("Hulp gevraagd");
        await Expect(page.Locator("#caseload")).Not.ToContainTextAsync("Someone Else");
        await BrowserAppFactory.ScreenshotAsync(page, "caseload");

        await page.Locator("select[name=filter]").SelectOptionAsync("flagged");
        await page.Locator("form.filters button").ClickAsync();
        await Expect(rows).ToHaveCountAsync(2);
    }

    private async Task<string> AddMentorWithCaseloadAsync()
    {
        var email = $"mentor-{Guid.NewGuid():N}@browser.test";
        string mentorId;
        await using (var scope = app.NewScope())
        {
            var users = scope.Services.GetRequiredService<UserManager<BotUser>>();
            var mentor = new BotUser { UserName = email, Email = email, FirstName = "Sanne" };
            Assert.True((await users.CreateAsync(mentor, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(mentor, Roles.Mentor)).Succeeded);
            mentorId = mentor.Id;
        }

        foreach (var (name, flag, mine) in new (string, FlagKind?, bool)[]
                 {
                     ("Bram", null, true), ("Lotte", FlagKind.Help, true), ("Amira", FlagKind.Crisis, true), ("Someone Else", FlagKind.Crisis, false),
                 })
        {
            var client = await app.AddClientAsync(Phones.Next());
            await using var scope = app.NewScope();
            var stored = await scope.Db.Clients.SingleAsync(c => c.Id == client.Id);
            stored.FirstName = name;
            if (mine)
            {
                stored.MentorId = mentorId;
            }

            if (flag is { } kind)
            {
                scope.Db.Flags.Add(new Flag { ClientId = client.Id, Kind = kind, RaisedAt = app.Time.GetUtcNow() });
            }

            await scope.Db.SaveChangesAsync();
        }

        return email;
    }
}
