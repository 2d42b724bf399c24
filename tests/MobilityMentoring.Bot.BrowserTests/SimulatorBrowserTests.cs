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
        var (page, phone) = await OpenSimulatorAsync("Tess");
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
        Assert.StartsWith("+447700900", phone, StringComparison.Ordinal); // a number no real phone has
    }

    [Fact]
    public async Task A_newcomer_plans_a_first_step_in_the_simulator_with_at_most_eight_messages_from_the_bot()
    {
        var (page, _) = await OpenSimulatorAsync("Sam");
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
        // A mentor practises with a test client of their own: it shows in their caseload like any client.
        var (page, _) = await OpenSimulatorAsync("Noor");
        await SendAsync(page, "ik kan niet meer");
        await Expect(page.Locator(".msg.out").Nth(0)).ToContainTextAsync("Denk je eraan om jezelf iets aan te doen? 1 Ja 2 Nee");
        await SendAsync(page, "ja");
        await Expect(page.Locator(".msg.out").Nth(1)).ToContainTextAsync("113");
        await BrowserAppFactory.ScreenshotAsync(page, "simulator-crisis");

        var mentor = await page.Context.NewPageAsync();
        await mentor.GotoAsync(app.ServerUrl + "/");
        var first = mentor.Locator("#caseload tbody tr").First;
        await Expect(first).ToContainTextAsync("Noor");
        await Expect(first).ToContainTextAsync("Crisis");
        await first.Locator("a").ClickAsync();
        await Expect(mentor.Locator("body")).ToContainTextAsync("answered yes to the question");
        await BrowserAppFactory.ScreenshotAsync(mentor, "client-crisis");
    }

    /// <summary>A mentor signs in, opens the simulator and makes a test client called <paramref name="name"/>; returns its number.</summary>
    private async Task<(IPage Page, string Phone)> OpenSimulatorAsync(string name)
    {
        await app.AddClientAsync(Phones.Next()); // a programme for the test client
        var email = $"mentor-{Guid.NewGuid():N}@browser.test";
        await app.AddUserAsync(email, "Mentor-browser-2026", "Sanne", MobilityMentoring.Bot.Accounts.Roles.Mentor);
        var page = await (await app.Browser.NewContextAsync()).NewPageAsync();
        await page.GotoAsync(app.ServerUrl + "/account/sign-in");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync("Mentor-browser-2026");
        await page.Locator("button[type=submit]").Last.ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("sign-in"));

        await page.GotoAsync(app.ServerUrl + "/simulator/");
        await page.Locator("#name").FillAsync(name);
        await page.Locator("#new-client button").ClickAsync();
        var chosen = page.Locator("#client option:checked");
        await Expect(chosen).ToContainTextAsync(name);
        var label = await chosen.InnerTextAsync();
        return (page, label[(label.LastIndexOf(' ') + 1)..].TrimEnd(')'));
    }

    private static async Task SendAsync(IPage page, string text)
    {
        await page.Locator("#text").FillAsync(text);
        await page.Locator("#send button").ClickAsync();
        await Expect(page.Locator("#text")).ToBeEmptyAsync();
    }
}
