using System.Net;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Channels.Twilio;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Channels.Twilio;

/// <summary>Twilio's webhooks arriving through the TLS proxy at 10.0.0.2, which the service is told to trust.</summary>
public sealed class ProxiedTwilioAppFactory : TwilioAppFactory
{
    public ProxiedTwilioAppFactory()
    {
        ArrivingFrom = IPAddress.Parse("10.0.0.2");
        WithSetting("Proxy:KnownProxies:0", "10.0.0.2");
    }
}

/// <summary>
/// Issue 15, finding 5: a webhook's signature is checked against Twilio:PublicBaseUrl only. Forwarded headers, even
/// from a trusted proxy, and the request's own scheme and host change nothing.
/// </summary>
public sealed class ForwardedWebhookTests(ProxiedTwilioAppFactory app) : IClassFixture<ProxiedTwilioAppFactory>
{
    private static readonly (string, string)[] Spoofed =
        [("X-Forwarded-Host", "evil.example"), ("X-Forwarded-Proto", "http"), ("X-Forwarded-For", "198.51.100.7")];

    [Fact]
    public async Task Through_a_trusted_proxy_a_webhook_signed_for_the_public_url_is_accepted_whatever_the_forwarded_headers_say()
    {
        var response = await SendAsync(app, TwilioAppFactory.PublicBaseUrl + "/twilio/messages", Spoofed);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("http://evil.example/twilio/messages")]
    [InlineData("https://evil.example/twilio/messages")]
    [InlineData("http://localhost/twilio/messages")]
    public async Task A_webhook_signed_for_the_forwarded_or_the_received_url_is_refused(string signedUrl)
    {
        var response = await SendAsync(app, signedUrl, Spoofed);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    internal static async Task<HttpResponseMessage> SendAsync(TwilioAppFactory app, string signedUrl, (string Name, string Value)[] headers)
    {
        var fields = TwilioAppFactory.MessageFields(app.NewMessageSid(), Phones.Next(), TwilioAppFactory.SmsFrom, "Hoi");
        var signature = TwilioSignatureValidator.Compute(signedUrl, fields.OrderBy(f => f.Key, StringComparer.Ordinal), TwilioAppFactory.AuthToken);
        var request = new HttpRequestMessage(HttpMethod.Post, "/twilio/messages") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add(TwilioSignatureFilter.SignatureHeader, signature);
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        var response = await app.CreateClient().SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            await using var scope = app.NewScope();
            Assert.False(await scope.Db.Messages.AnyAsync(m => m.ProviderSid == fields[0].Value), "a refused webhook leaves no row");
        }

        return response;
    }
}

/// <summary>Issue 15, finding 5: from a sender nobody configured, a spoofed X-Forwarded-Host or -Proto changes nothing either.</summary>
public sealed class SpoofedForwardedHostTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public async Task A_webhook_signed_for_a_spoofed_forwarded_host_is_refused_and_one_signed_for_the_public_url_accepted()
    {
        (string, string)[] spoofed = [("X-Forwarded-Host", "evil.example"), ("X-Forwarded-Proto", "http")];

        var forged = await ForwardedWebhookTests.SendAsync(app, "http://evil.example/twilio/messages", spoofed);
        var genuine = await ForwardedWebhookTests.SendAsync(app, TwilioAppFactory.PublicBaseUrl + "/twilio/messages", spoofed);

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
    }
}
