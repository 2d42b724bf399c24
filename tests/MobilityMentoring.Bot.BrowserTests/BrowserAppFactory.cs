using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.BrowserTests;

/// <summary>The service on real Kestrel (a browser needs a real socket) with the fake Twilio, plus Debian's Chromium.</summary>
public class BrowserAppFactory : TwilioAppFactory
{
    public const string Chromium = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public string ServerUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var port = FreePort();
        ServerUrl = $"http://127.0.0.1:{port}";
        UseKestrel(port);
        StartServer();

        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is missing: run tests/ensure-chromium.sh (apt-get install chromium).");
        }

        // Never let Playwright fetch a browser of its own: Debian's Chromium, with the flags this sandbox needs.
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
        });
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>Saves a screenshot under TestResults/screenshots for people to look at.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
