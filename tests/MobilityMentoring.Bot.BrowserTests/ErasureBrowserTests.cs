using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace MobilityMentoring.Bot.BrowserTests;

/// <summary>Issue 17: "browser test: a coordinator erases a client and the caseload no longer shows them".</summary>
public sealed class ErasureBrowserTests(BrowserAppFactory app) : IClassFixture<BrowserAppFactory>
{
    private const string Password = "Coordinator-erase-2026";

    [Fact]
    public async Task A_coordinator_erases_a_client_on_the_case_page_and_the_caseload_no_longer_shows_them()
    {
        var email = $"coordinator-{Guid.NewGuid():N}@browser.test";
        await app.AddUserAsync(email, Password, "Co", Roles.Coordinator);
        var erased = await AddClientNamedAsync("Wilhelmientje");
        var stays = await AddClientNamedAsync("Bram");

        var page = await app.Browser.NewPageAsync();
        await page.GotoAsync(app.ServerUrl + "/account/sign-in");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(Password);
        await page.Locator("#password").PressAsync("Enter");

        var erasedRow = page.Locator($"#caseload tbody tr[data-client='{erased}']");
        var staysRow = page.Locator($"#caseload tbody tr[data-client='{stays}']");
        await Expect(erasedRow).ToContainTextAsync("Wilhelmientje");
        await Expect(staysRow).ToContainTextAsync("Bram");

        // Not their mentor: the coordinator's link goes to the case page.
        await erasedRow.Locator("a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/clients/{erased}/case$"));
        var form = page.Locator("#erase");
        var understood = form.Locator("input[name=understood]");
        var erase = form.Locator("button[type=submit]", new() { HasText = "Wissen" });

        // Without the tick the browser does not send the form...
        await form.Locator("#erase-reason").FillAsync("Verzoek tot wissen per e-mail, 3 november");
        await erase.ClickAsync();
        Assert.True(await understood.EvaluateAsync<bool>("box => box.validity.valueMissing"));
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/clients/{erased}/case$"));

        // ...and the page refuses it when sent anyway (the browser's check taken away).
        await understood.EvaluateAsync("box => box.removeAttribute('required')");
        await erase.ClickAsync();
        await Expect(page.Locator("#notice")).ToHaveTextAsync("Niet gewist: vink aan dat het niet terug kan.");
        await using (var scope = app.NewScope())
        {
            Assert.True(await scope.Db.Clients.AnyAsync(c => c.Id == erased));
        }

        await form.Locator("#erase-reason").FillAsync("Verzoek tot wissen per e-mail, 3 november");
        await understood.CheckAsync();
        await erase.ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(app.ServerUrl) + "/$"));
        await Expect(page.Locator("#notice")).ToHaveTextAsync("De gegevens van de deelnemer zijn gewist.");
        await Expect(staysRow).ToContainTextAsync("Bram");
        await Expect(erasedRow).ToHaveCountAsync(0);
        await Expect(page.Locator("main")).Not.ToContainTextAsync("Wilhelmientje");
        await BrowserAppFactory.ScreenshotAsync(page, "erased");

        // Not only right after the redirect: the caseload opened afresh does not show them either.
        await page.GotoAsync(app.ServerUrl + "/");
        await Expect(staysRow).ToContainTextAsync("Bram");
        await Expect(page.Locator("main")).Not.ToContainTextAsync("Wilhelmientje");

        await using var check = app.NewScope();
        Assert.False(await check.Db.Clients.AnyAsync(c => c.Id == erased));
        Assert.True(await check.Db.Clients.AnyAsync(c => c.Id == stays));
    }

    private async Task<int> AddClientNamedAsync(string name)
    {
        var client = await app.AddClientAsync(Phones.Next());
        await using var scope = app.NewScope();
        var stored = await scope.Db.Clients.SingleAsync(c => c.Id == client.Id);
        stored.FirstName = name;
        await scope.Db.SaveChangesAsync();
        return client.Id;
    }
}
