using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MobilityMentoring.Bot.Accounts;

namespace MobilityMentoring.Bot.Tests.Infrastructure;

/// <summary>Real accounts and real sign-in (cookie and bearer), for tests about sessions rather than rules.</summary>
public static partial class RealSignIn
{
    public const string Password = "Real-sign-in-2026";

    /// <summary>An account with <paramref name="role"/>, made straight through Identity; returns its id and e-mail.</summary>
    public static async Task<(string Id, string Email)> AddAccountAsync(this BotAppFactory app, string role, string name = "user")
    {
        await using var scope = app.NewScope();
        var users = scope.Services.GetRequiredService<UserManager<BotUser>>();
        var email = $"{name}-{Guid.NewGuid():N}@test";
        var user = new BotUser { UserName = email, Email = email, FirstName = name, LockoutEnabled = true };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return (user.Id, email);
    }

    /// <summary>A browser-like client (cookies kept, no redirects followed) signed in through the sign-in form.</summary>
    public static async Task<HttpClient> SignedInClientAsync(this WebApplicationFactory<Program> app, string email, string password = Password)
    {
        var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var token = FormToken(await http.GetStringAsync("/account/sign-in"));
        using var response = await http.PostAsync("/account/sign-in", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("Email", email), new("Password", password)]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return http;
    }

    public static string FormToken(string html)
    {
        var match = Token().Match(html);
        Assert.True(match.Success, "the page carries a form token");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
