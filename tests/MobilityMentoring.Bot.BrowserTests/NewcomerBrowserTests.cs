using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MobilityMentoring.Bot.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace MobilityMentoring.Bot.BrowserTests;

/// <summary>A municipality's first day: an empty database that the service migrates itself, with only the bootstrap admin.</summary>
public sealed class EmptyDatabaseBrowserApp : BrowserAppFactory
{
    public const string AdminEmail = "beheer@gemeente.test", AdminPassword = "Eerste-dag-2026";

    protected override bool StartFromEmptyDatabase => true;

    public override Task InitializeAsync()
    {
        WithSetting("Bootstrap:AdminEmail", AdminEmail);
        WithSetting("Bootstrap:AdminPassword", AdminPassword);
        return base.InitializeAsync();
    }
}

public sealed class NewcomerBrowserTests(EmptyDatabaseBrowserApp app) : IClassFixture<EmptyDatabaseBrowserApp>
{
    [Fact]
    public async Task A_coordinator_starts_from_nothing_a_mentor_enrols_a_client_who_is_moved_and_then_closed()
    {
        var coordinator = await (await app.Browser.NewContextAsync()).NewPageAsync();
        await SignInAsync(coordinator, EmptyDatabaseBrowserApp.AdminEmail, EmptyDatabaseBrowserApp.AdminPassword);

        // The coordinator starts a programme, then makes two mentor accounts.
        await coordinator.GotoAsync(app.ServerUrl + "/programmes");
        await coordinator.Locator("#new-programme input[name=name]").FillAsync("Kleine Stappen Alphen");
        await coordinator.Locator("#new-programme input[name=joinKeyword]").FillAsync("stappen");
        await coordinator.Locator("#new-programme button").ClickAsync();
        await Expect(coordinator.Locator("#notice")).ToHaveTextAsync("Programma gestart.");
        await Expect(coordinator.Locator("h2", new() { HasText = "Kleine Stappen Alphen" })).ToBeVisibleAsync();
        await coordinator.Locator("a[href='/admin/users']").ClickAsync();
        await MakeMentorAsync(coordinator, "sanne@gemeente.test", "Sanne");
        await MakeMentorAsync(coordinator, "joris@gemeente.test", "Joris");

        // Sanne enrols a client from her caseload; the bot welcomes him (it is morning in Alphen).
        var sanne = await (await app.Browser.NewContextAsync()).NewPageAsync();
        await SignInAsync(sanne, "sanne@gemeente.test", "Mentor-Sanne-2026");
        const string phone = "+31612300077";
        await sanne.Locator("#enrol input[name=phone]").FillAsync("06 1230 0077");
        await sanne.Locator("#enrol input[name=firstName]").FillAsync("Youssef");
        await sanne.Locator("#enrol button").ClickAsync();
        await Expect(sanne.Locator("#notice")).ToContainTextAsync("Aangemeld");
        var welcome = await app.Twilio.WaitForMessageToAsync(phone);
        Assert.Contains("Sanne", welcome.Form["Body"], StringComparison.Ordinal);

        await sanne.Locator("#enrol summary").ClickAsync();
        await sanne.Locator("#enrol input[name=phone]").FillAsync("0612300077");
        await sanne.Locator("#enrol button").ClickAsync();
        await Expect(sanne.Locator("#notice")).ToContainTextAsync("hoort al bij een open dossier");

        // Youssef answers over a webhook signed as Twilio signs it, and the bot goes on.
        using (var answer = await app.ReceiveAsync(phone, "1"))
        {
            Assert.True(answer.IsSuccessStatusCode);
        }

        await app.Twilio.WaitForMessagesToAsync(phone, 2);
        var clientUrl = await ClientUrlAsync(phone);
        await sanne.GotoAsync(app.ServerUrl + "/");
        await sanne.Locator("#caseload a", new() { HasText = "Youssef" }).ClickAsync();
        await Expect(sanne.Locator("#transcript")).ToContainTextAsync("Ik ben een computer");

        // The coordinator moves him to Joris, who sees the whole conversation; Sanne no longer finds him.
        await coordinator.GotoAsync(app.ServerUrl + "/");
        await coordinator.Locator("#caseload a", new() { HasText = "Youssef" }).ClickAsync();
        await coordinator.Locator("#move select[name=mentorId]").SelectOptionAsync(new SelectOptionValue { Label = "Joris" });
        await coordinator.Locator("#move button").ClickAsync();
        await Expect(coordinator.Locator("#notice")).ToContainTextAsync("Overgedragen");
        await Expect(coordinator.Locator("#case-mentor")).ToHaveTextAsync("Joris");
        await BrowserAppFactory.ScreenshotAsync(coordinator, "case");

        var joris = await (await app.Browser.NewContextAsync()).NewPageAsync();
        await SignInAsync(joris, "joris@gemeente.test", "Mentor-Joris-2026");
        await joris.Locator("#caseload a", new() { HasText = "Youssef" }).ClickAsync();
        await Expect(joris.Locator("#transcript")).ToContainTextAsync("Ik ben een computer");
        var gone = await sanne.GotoAsync(app.ServerUrl + clientUrl);
        Assert.Equal(404, gone!.Status);

        // Joris closes the case: one goodbye reaches Twilio, and nothing more after it.
        await joris.Locator("a", new() { HasText = "Dossier overdragen of sluiten" }).ClickAsync();
        await joris.Locator("#close textarea[name=reason]").FillAsync("Werk gevonden, traject klaar.");
        await joris.Locator("#close button").ClickAsync();
        await Expect(joris.Locator("#case-status")).ToContainTextAsync("Werk gevonden");
        var messages = await app.Twilio.WaitForMessagesToAsync(phone, 3);
        Assert.Single(app.Twilio.Accepted, r => r.Form["To"] == phone && r.Form["Body"].Contains("afgesloten", StringComparison.Ordinal));
        Assert.Contains("Joris", messages[^1].Form["Body"], StringComparison.Ordinal);
        await Expect(joris.Locator("#reopen")).ToBeVisibleAsync();
        await using var scope = app.NewScope();
        Assert.Equal(1, await scope.Db.Messages.CountAsync(m => m.To == phone && m.Body.Contains("afgesloten")));
        Assert.False(await scope.Db.Messages.AnyAsync(m => m.To == phone && m.Status == Channels.MessageStatus.Pending));
    }

    private static async Task MakeMentorAsync(IPage admin, string email, string name)
    {
        await admin.Locator("#new-user input[name=email]").FillAsync(email);
        await admin.Locator("#new-user input[name=firstName]").FillAsync(name);
        await admin.Locator("#new-user select[name=role]").SelectOptionAsync("Mentor");
        await admin.Locator("#new-user input[name=password]").FillAsync($"Mentor-{name}-2026");
        await admin.Locator("#new-user button").ClickAsync();
        await Expect(admin.Locator("#notice")).ToHaveTextAsync("Account gemaakt.");
    }

    private async Task<string> ClientUrlAsync(string phone)
    {
        await using var scope = app.NewScope();
        var id = await scope.Db.Clients.Where(c => c.Phone == Channels.PhoneNumber.Parse(phone)).Select(c => c.Id).SingleAsync();
        return $"/clients/{id}";
    }

    private async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync(app.ServerUrl + "/account/sign-in");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("#password").PressAsync("Enter");
        await Expect(page.Locator("h1")).Not.ToHaveTextAsync("Inloggen");
    }
}
