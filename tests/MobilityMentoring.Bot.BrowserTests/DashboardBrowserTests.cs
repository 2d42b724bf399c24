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
        var (email, amiraPhone, othersClientId) = await AddMentorWithCaseloadAsync();
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
        await page.Locator("form[role=search] button").ClickAsync();
        await Expect(rows).ToHaveCountAsync(2);

        // The flagged client: her page, a reply that reaches Twilio, the crisis flag handled.
        await rows.Nth(0).Locator("a").ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("Amira");
        await Expect(page.Locator("#summary")).ToContainTextAsync("Stappen: 0 gedaan");
        await Expect(page.Locator("#summary")).ToContainTextAsync("Crisis gemeld");
        await page.Locator("#text").FillAsync("Hoi Amira, ik bel je vanmiddag. Groet, Sanne");
        await page.Locator("form[action*=Message] button[type=submit]").ClickAsync();
        await Expect(page.Locator("#notice")).ToContainTextAsync("Verstuurd");
        await Expect(page.Locator("#transcript")).ToContainTextAsync("ik bel je vanmiddag");
        var sent = await app.Twilio.WaitForMessageToAsync(amiraPhone);
        Assert.Equal("Hoi Amira, ik bel je vanmiddag. Groet, Sanne", sent.Form["Body"]);
        await BrowserAppFactory.ScreenshotAsync(page, "client");
        await page.Locator("form[action*=FlagHandled] button").ClickAsync();
        await Expect(page.Locator("form[action*=FlagHandled]")).ToHaveCountAsync(0);

        // A step agreed in the meeting, then moved to the top of the list.
        await page.Locator("#add-step input[name=text]").FillAsync("Belastingdienst bellen");
        await page.Locator("#add-step input[name=dueDate]").FillAsync("2026-11-25");
        await page.Locator("#add-step select[name=duePart]").SelectOptionAsync("Afternoon");
        await page.Locator("#add-step button").ClickAsync();
        await Expect(page.Locator("#notice")).ToContainTextAsync("Stap toegevoegd");
        await page.Locator("ol.steps li", new() { HasText = "Belastingdienst bellen" }).Locator("button[value='-1']").ClickAsync();
        await Expect(page.Locator("ol.steps li").First).ToContainTextAsync("Belastingdienst bellen");
        var first = page.Locator("ol.steps li").First;
        await first.Locator("summary").ClickAsync();
        await first.Locator("form.edit-step input[name=text]").FillAsync("Belastingdienst bellen over de toeslag");
        await first.Locator("form.edit-step button").ClickAsync();
        await Expect(page.Locator("#notice")).ToContainTextAsync("Stap gewijzigd");
        await Expect(page.Locator("ol.steps li").First).ToContainTextAsync("over de toeslag");

        // Another mentor's client, opened by URL: not found.
        var response = await page.GotoAsync($"{app.ServerUrl}/clients/{othersClientId}");
        Assert.Equal(404, response!.Status);

        // The dashboard in English, from then on.
        await page.GotoAsync(app.ServerUrl + "/");
        await page.Locator("#language").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("My clients");
    }

    private async Task<(string Email, string AmiraPhone, int OthersClientId)> AddMentorWithCaseloadAsync()
    {
        var email = $"mentor-{Guid.NewGuid():N}@browser.test";
        var mentorId = await app.AddUserAsync(email, Password, "Sanne", Roles.Mentor);

        var (amira, others) = ("", 0);
        foreach (var (name, flag, mine) in new (string, FlagKind?, bool)[]
                 {
                     ("Bram", null, true), ("Lotte", FlagKind.Help, true), ("Amira", FlagKind.Crisis, true), ("Someone Else", FlagKind.Crisis, false),
                 })
        {
            var phone = Phones.Next();
            var client = await app.AddClientAsync(phone);
            (amira, others) = (name == "Amira" ? phone : amira, mine ? others : client.Id);
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

        return (email, amira, others);
    }
}

public sealed class CadenceBrowserTests(BrowserAppFactory app) : IClassFixture<BrowserAppFactory>
{
    [Fact]
    public async Task A_coordinator_changes_a_cadence_and_sees_the_preview_chart_change_before_saving()
    {
        const string password = "Coordinator-browser-2026";
        var email = $"coordinator-{Guid.NewGuid():N}@browser.test";
        await app.AddUserAsync(email, password, "Co", Roles.Coordinator);

        for (var i = 0; i < 6; i++)
        {
            var client = await app.AddClientAsync(Phones.Next());
            await using var scope = app.NewScope();
            await scope.Db.Clients.Where(c => c.Id == client.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.PreferredTime, new TimeOnly(10 + i * 2, 0)));
            await scope.Db.Goals.Where(g => g.ClientId == client.Id).ExecuteUpdateAsync(s => s.SetProperty(g => g.Pillar, BridgePillar.WellBeing));
        }

        await using (var scope = app.NewScope())
        {
            var clientId = await scope.Db.Clients.Select(c => c.Id).FirstAsync();
            scope.Db.RewardEntries.Add(new RewardEntry { ClientId = clientId, Kind = RewardKind.Milestone, Amount = 25m, Reason = "milestone 50", CreatedAt = app.Time.GetUtcNow() });
            await scope.Db.SaveChangesAsync();
        }

        var page = await app.Browser.NewPageAsync();
        await page.GotoAsync(app.ServerUrl + "/account/sign-in");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("#password").PressAsync("Enter");
        await page.Locator("nav[aria-label=programmes] a[href$='/cadence']").First.ClickAsync();
        await Expect(page.Locator("#preview-chart")).ToBeVisibleAsync();
        var before = await BarsAsync(page);
        Assert.Contains(before, bar => bar.Hour >= 14 && bar.Messages > 0);

        await page.Locator("input[name='Form.WindowEnd']").FillAsync("12:00");
        await page.Locator("button", new() { HasText = "Voorbeeld bekijken" }).ClickAsync();
        await Expect(page.Locator("#preview-chart")).ToBeVisibleAsync();
        var after = await BarsAsync(page);
        Assert.DoesNotContain(after, bar => bar.Hour >= 12 && bar.Messages > 0);
        Assert.NotEqual(before, after);
        await BrowserAppFactory.ScreenshotAsync(page, "cadence");

        await page.Locator("button", new() { HasText = "Opslaan" }).ClickAsync();
        await Expect(page.Locator("#notice")).ToContainTextAsync("Opgeslagen");
        await using var check = app.NewScope();
        Assert.Equal(new TimeOnly(12, 0), (await check.Db.Programmes.FirstAsync()).Cadence.WindowEnd);

        await page.GotoAsync(app.ServerUrl + "/rewards");
        await page.Locator("#rewards input[name=evidenceNote]").First.FillAsync("Brieven samen doorgenomen");
        await page.Locator("#rewards button").First.ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Er wacht geen beloning");
        await using (var rewards = app.NewScope())
        {
            Assert.NotNull((await rewards.Db.RewardEntries.SingleAsync(r => r.Kind == RewardKind.Milestone)).ApprovedAt);
        }

        await page.GotoAsync(app.ServerUrl + "/programmes");
        await page.Locator("form.programme input[name=joinKeyword]").First.FillAsync("doemee");
        await page.Locator("form.programme button").First.ClickAsync();
        await Expect(page.Locator("#notice")).ToHaveTextAsync("Opgeslagen.");
        await using (var programmes = app.NewScope())
        {
            Assert.Equal("DOEMEE", (await programmes.Db.Programmes.FirstAsync()).JoinKeyword);
        }

        await BrowserAppFactory.ScreenshotAsync(page, "programmes");
        await page.GotoAsync(app.ServerUrl + "/reports");
        await Expect(page.Locator("#chart-active")).ToBeVisibleAsync();
        await Expect(page.Locator("#report tbody tr")).ToHaveCountAsync(12);
        await BrowserAppFactory.ScreenshotAsync(page, "reports");
    }

    private static async Task<List<(int Hour, int Messages)>> BarsAsync(IPage page) =>
        [.. (await page.Locator("#preview-chart rect.bar").EvaluateAllAsync<int[][]>(
                "bars => bars.map(b => [Number(b.dataset.label), Number(b.dataset.value)])"))
            .Select(b => (b[0], b[1]))];
}

public sealed class AdminBrowserTests(BrowserAppFactory app) : IClassFixture<BrowserAppFactory>
{
    [Fact]
    public async Task An_admin_makes_a_mentor_account_the_mentor_signs_in_and_a_locked_account_cannot()
    {
        const string adminPassword = "Admin-browser-2026", mentorPassword = "Nieuwe-mentor-2026";
        var admin = $"admin-{Guid.NewGuid():N}@browser.test";
        var mentor = $"nieuw-{Guid.NewGuid():N}@browser.test";
        await app.AddUserAsync(admin, adminPassword, "Ad", Roles.Admin);

        var page = await app.Browser.NewPageAsync();
        await SignInAsync(page, admin, adminPassword);
        await page.Locator("a[href='/admin/users']").ClickAsync();
        await page.Locator("#new-user input[name=email]").FillAsync(mentor);
        await page.Locator("#new-user input[name=firstName]").FillAsync("Noor");
        await page.Locator("#new-user select[name=role]").SelectOptionAsync("Mentor");
        await page.Locator("#new-user input[name=password]").FillAsync(mentorPassword);
        await page.Locator("#new-user button").ClickAsync();
        await Expect(page.Locator("#notice")).ToHaveTextAsync("Account gemaakt.");
        await BrowserAppFactory.ScreenshotAsync(page, "users");

        var mentorPage = await (await app.Browser.NewContextAsync()).NewPageAsync();
        await SignInAsync(mentorPage, mentor, mentorPassword);
        await Expect(mentorPage.Locator("h1")).ToHaveTextAsync("Mijn cliënten");

        await page.Locator("#users tr", new() { HasText = mentor }).Locator("form[action*='handler=Lock'] button").ClickAsync();
        await Expect(page.Locator("#users tr", new() { HasText = mentor }).Locator("form[action*='handler=Lock'] button")).ToHaveTextAsync("Deblokkeren");

        // Issue 15, finding 3: the mentor who was signed in is out on their very next request.
        await mentorPage.ReloadAsync();
        await Expect(mentorPage).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/sign-in"));
        var locked = await (await app.Browser.NewContextAsync()).NewPageAsync();
        await SignInAsync(locked, mentor, mentorPassword);
        await Expect(locked.Locator("[role=alert]")).ToBeVisibleAsync();

        // Issue 15, finding 9: the admin reads in the audit log who locked whom.
        await page.Locator("#audit-link").ClickAsync();
        await page.Locator("#audit-filter select[name=action]").SelectOptionAsync("user.lock");
        await page.Locator("#audit-filter button").ClickAsync();
        await Expect(page.Locator("#audit tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#audit tbody tr").First).ToContainTextAsync("user.lock");
        await BrowserAppFactory.ScreenshotAsync(page, "audit");
    }

    private async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync(app.ServerUrl + "/account/sign-in");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("#password").PressAsync("Enter");
    }
}
