using System.Security.Cryptography;
using System.Text;

namespace MobilityMentoring.Bot.Channels.Twilio;

/// <summary>
/// Checks X-Twilio-Signature the way Twilio's own helper libraries do (twilio.com/docs/usage/webhooks/webhooks-security):
/// HMAC-SHA1 over the full URL followed by every POST parameter name and value, sorted by name (and, for a repeated
/// name, by its distinct values), keyed with the auth token, Base64. The URL is tried with and without its default port.
/// </summary>
public static class TwilioSignatureValidator
{
    public static bool IsValid(string url, IEnumerable<KeyValuePair<string, string>> parameters, string? signature, string authToken)
    {
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(authToken))
        {
            return false;
        }

        // Like Twilio's validators: a name given the same value twice contributes it once (see the Digits vector).
        var sorted = parameters
            .Distinct()
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .ToList();

        return UrlVariants(url).Any(variant => Matches(Compute(variant, sorted, authToken), signature));
    }

    /// <summary>JSON webhooks: the signature covers the URL only, and the URL's bodySHA256 must hash the raw body.</summary>
    public static bool IsValidJson(string url, ReadOnlySpan<byte> body, string? signature, string authToken)
    {
        if (!IsValid(url, [], signature, authToken))
        {
            return false;
        }

        var query = new Uri(url).Query.TrimStart('?').Split('&');
        var expected = query.FirstOrDefault(q => q.StartsWith("bodySHA256=", StringComparison.Ordinal))?["bodySHA256=".Length..];
        var actual = Convert.ToHexStringLower(SHA256.HashData(body));
        return expected is not null && Matches(actual, expected);
    }

    public static string Compute(string url, IEnumerable<KeyValuePair<string, string>> sortedParameters, string authToken)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in sortedParameters)
        {
            data.Append(name).Append(value);
        }

#pragma warning disable CA5350 // HMAC-SHA1 is what Twilio signs with; we verify, we do not choose.
        var hash = HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString()));
#pragma warning restore CA5350
        return Convert.ToBase64String(hash);
    }

    /// <summary>The URL as given, plus the same URL with the default port added or removed.</summary>
    private static IEnumerable<string> UrlVariants(string url)
    {
        yield return url;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            yield break;
        }

        var defaultPort = uri.Scheme == Uri.UriSchemeHttps ? 443 : 80;
        var authority = uri.UserInfo.Length > 0 ? uri.UserInfo + "@" + uri.Host : uri.Host;
        var prefix = uri.Scheme + "://";
        var rest = url[(url.IndexOf(uri.Host, prefix.Length, StringComparison.OrdinalIgnoreCase) + uri.Host.Length)..];
        if (rest.StartsWith(':'))
        {
            // Has an explicit port: also try without it when it is the default one.
            var portEnd = rest.IndexOfAny(['/', '?', '#'], 1);
            var port = portEnd < 0 ? rest[1..] : rest[1..portEnd];
            if (port == defaultPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                yield return prefix + authority + (portEnd < 0 ? "" : rest[portEnd..]);
            }
        }
        else
        {
            yield return prefix + authority + ":" + defaultPort.ToString(System.Globalization.CultureInfo.InvariantCulture) + rest;
        }
    }

    private static bool Matches(string computed, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(given));
}
