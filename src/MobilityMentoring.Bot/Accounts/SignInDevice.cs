using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MobilityMentoring.Bot.Accounts;

/// <summary>
/// A browser or script that signed in to an account before carries a device cookie for it (OWASP's "device cookies"):
/// its attempts count against a limit of its own, not against the account's, so strangers guessing a mentor's password
/// from anywhere cannot keep that mentor out. The cookie is protected with the shared key ring: it cannot be made up.
/// </summary>
public sealed class SignInDevice(
    IDataProtectionProvider protection, IOptionsMonitor<CookieAuthenticationOptions> cookies, TimeProvider time)
{
    public const string CookieName = "mmb.device";
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(180);

    private readonly ITimeLimitedDataProtector protector = protection.CreateProtector("MobilityMentoring.Bot.SignInDevice").ToTimeLimitedDataProtector();

    /// <summary>After a successful sign-in: this device is known for <paramref name="email"/> from now on.</summary>
    public void Remember(HttpContext context, string email)
    {
        var value = protector.Protect($"{Account(email)}\n{Guid.NewGuid():N}", time.GetUtcNow() + Lifetime);
        context.Response.Cookies.Append(CookieName, value, new CookieOptions
        {
            // Secure exactly when the sign-in cookie is (always, outside Development and tests).
            HttpOnly = true, SameSite = SameSiteMode.Strict, MaxAge = Lifetime, Path = "/",
            Secure = cookies.Get(IdentityConstants.ApplicationScheme).Cookie.SecurePolicy switch
            {
                CookieSecurePolicy.Always => true,
                CookieSecurePolicy.None => false,
                _ => context.Request.IsHttps,
            },
        });
    }

    /// <summary>The device's own key for <paramref name="email"/>, or null when it has not signed in to that account.</summary>
    public string? KnownFor(HttpContext context, string? email)
    {
        if (string.IsNullOrWhiteSpace(email) || !context.Request.Cookies.TryGetValue(CookieName, out var value))
        {
            return null;
        }

        try
        {
            var parts = protector.Unprotect(value, out var expires).Split('\n');
            return expires > time.GetUtcNow() && parts.Length == 2 && parts[0] == Account(email) ? parts[1] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // made up, from another key ring, or damaged
        }
    }

    public static string Account(string email) => email.Trim().ToUpperInvariant();
}
