using System.Net;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Transport;

/// <summary>Production behind its TLS proxy at 10.0.0.2: every request arrives from there.</summary>
public sealed class ProductionAppFactory : BotAppFactory
{
    public ProductionAppFactory()
    {
        EnvironmentName = "Production";
        ArrivingFrom = IPAddress.Parse(ProxiedAppFactory.Proxy);
        WithSetting("Proxy:KnownProxies:0", ProxiedAppFactory.Proxy);
    }
}

/// <summary>Issue 15, finding 5: in Production every cookie is Secure, HttpOnly and SameSite, and HTTPS answers carry HSTS.</summary>
public sealed class TransportSecurityTests(ProductionAppFactory app) : IClassFixture<ProductionAppFactory>
{
    [Fact]
    public async Task Over_https_every_answer_carries_HSTS_and_over_plain_http_none()
    {
        using var direct = app.CreateDefaultClient(new Uri("https://bot.example.test"));
        using var proxied = app.CreateDefaultClient(new Uri("http://bot.example.test"), new TlsProxy());
        using var plain = app.CreateDefaultClient(new Uri("http://bot.example.test"));

        foreach (var https in new[] { direct, proxied })
        {
            using var answer = await https.GetAsync("/health/live");
            Assert.Equal("max-age=15552000; includeSubDomains", Assert.Single(answer.Headers.GetValues("Strict-Transport-Security")));
        }

        using var unencrypted = await plain.GetAsync("/health/live");
        Assert.False(unencrypted.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Through_the_TLS_proxy_the_form_sign_in_and_TempData_cookies_are_Secure_HttpOnly_and_SameSite()
    {
        await app.AddUserAsync("cookies@gemeente.example", "Lang-genoeg-2026", "Sanne", MobilityMentoring.Bot.Accounts.Roles.Mentor);
        var browser = new CookieJar();
        using var http = app.CreateDefaultClient(browser.Handler(), new TlsProxy());

        await http.SignedInAsync("cookies@gemeente.example", "Lang-genoeg-2026");
        using var posted = await http.PostAsync("/?handler=Enrol", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", await http.FormTokenAsync())]));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);

        AssertLocked(browser.LastSetCookie(".AspNetCore.Antiforgery."), "strict");
        AssertLocked(browser.LastSetCookie("mmb.auth="), "lax");
        AssertLocked(browser.LastSetCookie(".AspNetCore.Mvc.CookieTempDataProvider="), "lax");
    }

    [Fact]
    public async Task Over_plain_http_no_cookie_leaves_without_Secure()
    {
        // A proxy that forgot X-Forwarded-Proto, or someone on the private network: the page may fail, a cookie may not leak.
        var browser = new CookieJar();
        using var http = app.CreateDefaultClient(browser.Handler());

        using var _ = await http.GetAsync("/account/sign-in");

        Assert.All(browser.SetCookieHeaders, header => Assert.Contains("; secure", header.ToLowerInvariant(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_page_over_plain_http_says_how_to_name_the_proxy_instead_of_failing()
    {
        using var http = app.CreateDefaultClient(new Uri("http://bot.example.test"));

        using var page = await http.GetAsync("/account/sign-in");
        using var probe = await http.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("Proxy:KnownProxies", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
    }

    private static void AssertLocked(string setCookie, string sameSite)
    {
        Assert.Contains("; secure", setCookie, StringComparison.Ordinal);
        Assert.Contains("; httponly", setCookie, StringComparison.Ordinal);
        Assert.Contains("; samesite=" + sameSite, setCookie, StringComparison.Ordinal);
    }

    /// <summary>What the TLS proxy adds to every request it passes on: the browser spoke https to it.</summary>
    private sealed class TlsProxy : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
