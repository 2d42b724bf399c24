using System.Net;

namespace MobilityMentoring.Bot.Benchmarks;

/// <summary>
/// A browser as the service sees it behind its TLS proxy: requests say X-Forwarded-Proto https (the service trusts
/// loopback as its proxy for the run), and the Secure cookies it sets come back over the loopback's plain http.
/// </summary>
internal sealed class BehindTlsProxy(Uri service) : DelegatingHandler(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false })
{
    private readonly CookieContainer cookies = new();
    private readonly Uri browserSees = new UriBuilder(service) { Scheme = Uri.UriSchemeHttps }.Uri;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Add("X-Forwarded-Proto", "https");
        var header = cookies.GetCookieHeader(browserSees);
        if (header.Length > 0)
        {
            request.Headers.Add("Cookie", header);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                cookies.SetCookies(browserSees, setCookie);
            }
        }

        return response;
    }
}
