using System.Net;
using Microsoft.AspNetCore.Http;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Transport;

/// <summary>The service behind a TLS proxy at 10.0.0.2, and any host in 10.1.0.0/16 (an ingress network).</summary>
public sealed class ProxiedAppFactory : BotAppFactory
{
    public const string Proxy = "10.0.0.2";

    public ProxiedAppFactory()
    {
        WithSetting("Proxy:KnownProxies:0", Proxy);
        WithSetting("Proxy:KnownNetworks:0", "10.1.0.0/16");
    }
}

/// <summary>
/// Issue 15, finding 5: X-Forwarded-For and X-Forwarded-Proto are believed from the configured proxies only; the client
/// address they give is what the rate limits and logs see, the scheme what HSTS and cookies see.
/// </summary>
public sealed class ForwardedHeadersFromKnownProxiesTests(ProxiedAppFactory app) : IClassFixture<ProxiedAppFactory>
{
    [Theory]
    [InlineData(ProxiedAppFactory.Proxy)]
    [InlineData("10.1.2.3")]
    public async Task From_a_configured_proxy_or_network_the_client_address_and_scheme_are_honoured(string proxy)
    {
        var seen = await Forwarded.ArriveAsync(app, proxy, ("X-Forwarded-For", "198.51.100.7"), ("X-Forwarded-Proto", "https"));

        Assert.Equal(IPAddress.Parse("198.51.100.7"), seen.Connection.RemoteIpAddress);
        Assert.Equal("https", seen.Request.Scheme);
    }

    [Theory]
    [InlineData("203.0.113.9")]
    [InlineData("10.0.0.3")]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public Task From_any_other_sender_forwarded_headers_are_ignored(string sender) => Forwarded.AssertIgnoredAsync(app, sender);

    [Fact]
    public async Task An_address_the_client_wrote_itself_before_the_proxys_entry_is_not_believed()
    {
        // The proxy appends the address it saw; whatever came before it is the client's own claim.
        var seen = await Forwarded.ArriveAsync(app, ProxiedAppFactory.Proxy, ("X-Forwarded-For", "192.0.2.1, 198.51.100.7"));

        Assert.Equal(IPAddress.Parse("198.51.100.7"), seen.Connection.RemoteIpAddress);
    }

    [Fact]
    public async Task The_host_name_is_never_taken_from_a_forwarded_header_not_even_from_a_proxy()
    {
        var seen = await Forwarded.ArriveAsync(app, ProxiedAppFactory.Proxy, ("X-Forwarded-Host", "evil.example"), ("X-Forwarded-Proto", "https"));

        Assert.Equal("bot.example.test", seen.Request.Host.Value);
    }
}

/// <summary>No proxy configured: the setting left blank, as an empty environment variable in a compose file leaves it.</summary>
public sealed class UnproxiedAppFactory : BotAppFactory
{
    public UnproxiedAppFactory()
    {
        WithSetting("Proxy:KnownProxies:0", "");
        WithSetting("Proxy:KnownNetworks:0", " ");
    }
}

/// <summary>Issue 15, finding 5: with no proxy configured no sender is trusted, not even loopback (the framework's default).</summary>
public sealed class ForwardedHeadersWithoutProxyTests(UnproxiedAppFactory app) : IClassFixture<UnproxiedAppFactory>
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("10.0.0.2")]
    public Task No_forwarded_header_is_honoured(string sender) => Forwarded.AssertIgnoredAsync(app, sender);
}

internal static class Forwarded
{
    /// <summary>A client address and https forwarded by <paramref name="sender"/> change nothing the service sees.</summary>
    public static async Task AssertIgnoredAsync(BotAppFactory app, string sender)
    {
        var seen = await ArriveAsync(app, sender, ("X-Forwarded-For", "198.51.100.7"), ("X-Forwarded-Proto", "https"));

        Assert.Equal(IPAddress.Parse(sender), seen.Connection.RemoteIpAddress);
        Assert.Equal("http", seen.Request.Scheme);
    }

    /// <summary>A request to /health/live arriving from <paramref name="sender"/>; returns the request as the service ended up seeing it.</summary>
    public static Task<HttpContext> ArriveAsync(BotAppFactory app, string sender, params (string Name, string Value)[] headers) =>
        app.Server.SendAsync(context =>
        {
            context.Request.Method = HttpMethods.Get;
            context.Request.Scheme = "http";
            context.Request.Host = new HostString("bot.example.test");
            context.Request.Path = "/health/live";
            context.Connection.RemoteIpAddress = IPAddress.Parse(sender);
            foreach (var (name, value) in headers)
            {
                context.Request.Headers[name] = value;
            }
        });
}
