using Microsoft.Playwright;
using MobilityMentoring.Bot.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace MobilityMentoring.Bot.BrowserTests;

public sealed class SimulatorBrowserTests(BrowserAppFactory app) : IClassFixture<BrowserAppFactory>
{
    [Fact]
    public async Task A_client_chats_in_the_simulator_asks_for_help_and_STOP_silences_the_bot()
    {
        var phone = Phones.Next();
        await app.AddClientAsync(phone);
        var page = await app.Browser.NewPageAsync();
        await page.GotoAsync(app.ServerUrl + "/simulator/");

        await page.Locator("#phone").FillAsync(phone);
        await page.Locator("#phone").PressAsync("Tab");
        await SendAsync(page, "HULP");
        await Expect(page.Locator(".msg.out").Nth(0)).ToContainTextAsync("computer, geen mens");

        await SendAsync(page, "STOP");
        await Expect(page.Locator(".msg.out").Nth(1)).ToContainTextAsync("afgemeld");

        await SendAsync(page, "Hallo?");
        await Expect(page.Locator(".msg.in")).ToHaveCountAsync(3);
        await SendAsync(page, "START");
        await Expect(page.Locator(".msg.out").Nth(2)).ToContainTextAsync("Welkom terug");

        // "Hallo?" while opted out got no answer: three replies for four messages.
        await Expect(page.Locator(".msg.out")).ToHaveCountAsync(3);
        await BrowserAppFactory.ScreenshotAsync(page, "simulator");
        Assert.DoesNotContain(app.Twilio.Requests, r => r.Form["To"] == phone);
    }

    private static async Task SendAsync(IPage page, string text)
    {
        await page.Locator("#text").FillAsync(text);
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("#text")).ToBeEmptyAsync();
    }
}
