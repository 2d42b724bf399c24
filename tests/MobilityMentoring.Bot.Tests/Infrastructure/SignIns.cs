using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace MobilityMentoring.Bot.Tests.Infrastructure;

/// <summary>Signing in as staff do: the dashboard's form (cookie) or the API's login (bearer tokens).</summary>
public static class SignIns
{
    /// <summary>Posts the sign-in form with the page's own token; the client keeps the cookie it gets.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient http, string email, string password, string? returnUrl = null) =>
        await http.PostAsync("/account/sign-in", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", await http.FormTokenAsync()), new("Email", email), new("Password", password), new("ReturnUrl", returnUrl ?? "")]));

    /// <summary>Signs in with the form and asserts that it worked (a redirect into the dashboard).</summary>
    public static async Task SignedInAsync(this HttpClient http, string email, string password)
    {
        using var response = await http.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    public static Task<HttpResponseMessage> LoginAsync(this HttpClient http, string email, string password, string? twoFactorCode = null) =>
        http.PostAsJsonAsync("/api/auth/login", new { email, password, twoFactorCode });

    /// <summary>The API's tokens for a login that must work.</summary>
    public static async Task<(string Access, string Refresh)> TokensAsync(this HttpClient http, string email, string password, string? twoFactorCode = null)
    {
        using var login = await http.LoginAsync(email, password, twoFactorCode);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var tokens = await login.Content.ReadFromJsonAsync<JsonElement>();
        return (tokens.GetProperty("accessToken").GetString()!, tokens.GetProperty("refreshToken").GetString()!);
    }
}

/// <summary>
/// An authenticator app in a few lines (RFC 6238: HMAC-SHA1 over 30-second steps, six digits). Identity's
/// AuthenticatorTokenProvider reads the system clock (DateTimeOffset.UtcNow), not the injected TimeProvider, so codes
/// are made from the real clock here; it accepts two steps either side, so a step boundary during a test does no harm.
/// </summary>
public static class Authenticator
{
    public static string CodeNow(string base32Key) => Code(base32Key, DateTimeOffset.UtcNow);

    public static string Code(string base32Key, DateTimeOffset at)
    {
        var counter = BitConverter.GetBytes(at.ToUnixTimeSeconds() / 30);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

#pragma warning disable CA5350 // RFC 6238 authenticator codes are HMAC-SHA1 by definition
        var hash = HMACSHA1.HashData(FromBase32(base32Key), counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The otpauth:// key, read the way an authenticator app reads it (spaces and case do not matter).</summary>
    public static byte[] FromBase32(string key)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in key.ToUpperInvariant().Where(c => c is not (' ' or '=')))
        {
            buffer = ((buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal)) & 0xffff;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
