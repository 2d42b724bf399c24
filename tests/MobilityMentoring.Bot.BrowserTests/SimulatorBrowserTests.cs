using Microsoft.EntityFrameworkCore;
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
        var page = await OpenSimulatorAsync(phone);
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

    [Fact]
    public async Task A_newcomer_plans_a_first_step_in_the_simulator_with_at_most_eight_messages_from_the_bot()
    {
        var phone = Phones.Next();
        await app.AddClientAsync(phone, newcomer: true);
        var page = await OpenSimulatorAsync(phone);
        var started = System.Diagnostics.Stopwatch.StartNew();

        string[] said = ["Hoi", "1", "avond", "2", "Meer bewegen", "Een rondje lopen", "morgen"];
        for (var i = 0; i < said.Length; i++)
        {
            await SendAsync(page, said[i]);
            await Expect(page.Locator(".msg.out")).ToHaveCountAsync(i + 1);
        }

        await Expect(page.Locator(".msg.out").Last).ToContainTextAsync("Een rondje lopen");
        await SendAsync(page, "ja");
        await Expect(page.Locator(".msg.out").Last).ToContainTextAsync("afgesproken");

        await Expect(page.Locator(".msg.out")).ToHaveCountAsync(8);
        var transcript = await page.Locator(".msg").AllInnerTextsAsync();
        Console.WriteLine($"Newcomer to a confirmed step in {started.Elapsed.TotalSeconds:0.0} s:{Environment.NewLine}{string.Join(Environment.NewLine, transcript)}");
        await BrowserAppFactory.ScreenshotAsync(page, "simulator-newcomer");
    }

    [Fact]
    public async Task A_client_who_cannot_go_on_gets_the_gentle_question_then_the_helplines_and_the_mentor_sees_the_crisis_first()
    {
        var phone = Phones.Next();
        var client = await app.AddClientAsync(phone);
        var email = $"mentor-{Guid.NewGuid():N}@browser.test";
        var mentorId = await app.AddUserAsync(email, "Mentor-browser-2026", "Sanne", MobilityMentoring.Bot.Accounts.Roles.Mentor);
        await using (var scope = app.NewScope())
        {
            var stored = await scope.Db.Clients.FindAsync(client.Id);
            (stored!.MentorId, stored.FirstName) = (mentorId, "Noor");
            await scope.Db.SaveChangesAsync();
        }

        var page = await OpenSimulatorAsync(phone);
        await SendAsync(page, "ik kan niet meer");
        await Expect(page.Locator(".msg.out").Nth(0)).ToContainTextAsync("Denk je eraan om jezelf iets aan te doen? 1 Ja 2 Nee");
        await SendAsync(page, "ja");
        await Expect(page.Locator(".msg.out").Nth(1)).ToContainTextAsync("113");
        await BrowserAppFactory.ScreenshotAsync(page, "simulator-crisis");

        var mentor = await app.Browser.NewPageAsync();
        await mentor.GotoAsync(app.ServerUrl + "/account/sign-in");
        await mentor.Locator("#email").FillAsync(email);
        await mentor.Locator("#password").FillAsync("Mentor-browser-2026");
        await mentor.Locator("button[type=submit]").Last.ClickAsync();
        var first = mentor.Locator("#caseload tbody tr").First;
        await Expect(first).ToContainTextAsync("Noor");
        await Expect(first).ToContainTextAsync("Crisis");
        await first.Locator("a").ClickAsync();
        await Expect(mentor.Locator("body")).ToContainTextAsync("answered yes to the question");
        await BrowserAppFactory.ScreenshotAsync(mentor, "client-crisis");
    }

    private async Task<IPage> OpenSimulatorAsync(string phone)
    {
        var page = await app.Browser.NewPageAsync();
        await page.GotoAsync(app.ServerUrl + "/simulator/");
        await page.Locator("#phone").FillAsync(phone);
        await page.Locator("#phone").PressAsync("Tab");
        return page;
    }

    private static async Task SendAsync(IPage page, string text)
    {
        await page.Locator("#text").FillAsync(text);
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("#text")).ToBeEmptyAsync();
    }
}
