using Microsoft.Net.Http.Headers;

namespace MobilityMentoring.Bot.Tests.Infrastructure;

/// <summary>
/// One browser's cookies, shared by clients of several service instances (as behind a load balancer). Secure cookies
/// travel over the test's plain http too: the browser speaks https to the TLS proxy, the service behind it sees http.
/// </summary>
public sealed class CookieJar
{
    private readonly Dictionary<string, string> cookies = new(StringComparer.Ordinal);

    /// <summary>Every Set-Cookie header the service sent, in order, attributes included.</summary>
    public List<string> SetCookieHeaders { get; } = [];

    /// <summary>A handler for one client; all handlers of one jar share its cookies.</summary>
    public DelegatingHandler Handler() => new JarHandler(this);

    /// <summary>The last Set-Cookie header that starts with <paramref name="start"/> ("mmb.auth="), lower case.</summary>
    public string LastSetCookie(string start) =>
        SetCookieHeaders.LastOrDefault(h => h.StartsWith(start, StringComparison.Ordinal))?.ToLowerInvariant()
        ?? throw new InvalidOperationException($"the service set no cookie {start}…; it set: {string.Join(" | ", SetCookieHeaders)}");

    private sealed class JarHandler(CookieJar jar) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (jar.cookies)
            {
                if (jar.cookies.Count > 0)
                {
                    request.Headers.Add("Cookie", string.Join("; ", jar.cookies.Select(c => $"{c.Key}={c.Value}")));
                }
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                lock (jar.cookies)
                {
                    foreach (var header in setCookies)
                    {
                        jar.SetCookieHeaders.Add(header);
                        Keep(jar.cookies, header);
                    }
                }
            }

            return response;
        }

        private static void Keep(Dictionary<string, string> cookies, string header)
        {
            var parsed = SetCookieHeaderValue.Parse(header);
            var name = parsed.Name.ToString();
            if (parsed.Expires < DateTimeOffset.UtcNow || parsed.Value.Length == 0)
            {
                cookies.Remove(name);
            }
            else
            {
                cookies[name] = parsed.Value.ToString();
            }
        }
    }
}
