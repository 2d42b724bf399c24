using Microsoft.AspNetCore.Mvc.Testing;

namespace MobilityMentoring.Bot.Tests.Infrastructure;

/// <summary>
/// Real accounts and real sign-in (cookie and bearer), for tests about sessions rather than rules. Each client comes
/// from an address of its own (IPv6 documentation range), so the sign-in limits per address never decide these tests.
/// </summary>
public static class RealSignIn
{
    public const string Password = "Real-sign-in-2026";

    private static int addresses;

    /// <summary>An account with <paramref name="role"/>, made straight through Identity; returns its id and e-mail.</summary>
    public static async Task<(string Id, string Email)> AddAccountAsync(this BotAppFactory app, string role, string name = "user")
    {
        var email = $"{name}-{Guid.NewGuid():N}@test";
        return (await app.AddUserAsync(email, Password, name, role), email);
    }

    /// <summary>A browser-like client from an address of its own, not signed in.</summary>
    public static HttpClient NewVisitor(this BotAppFactory app) =>
        app.CreateClientFrom($"2001:db8:{Interlocked.Increment(ref addresses):x}::1");

    /// <summary>A browser-like client signed in through the sign-in form.</summary>
    public static async Task<HttpClient> SignedInClientAsync(this BotAppFactory app, string email, string password = Password)
    {
        var http = app.NewVisitor();
        await http.SignedInAsync(email, password);
        return http;
    }
}
