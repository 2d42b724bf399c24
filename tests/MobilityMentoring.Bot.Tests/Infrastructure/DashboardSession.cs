using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MobilityMentoring.Bot.Accounts;

namespace MobilityMentoring.Bot.Tests.Infrastructure;

/// <summary>A browser on the dashboard without the test sign-in header: real accounts, the real sign-in form, real cookies.</summary>
public static partial class DashboardSession
{
    /// <summary>A mentor account made through Identity; returns its id.</summary>
    public static async Task<string> AddMentorAsync(this BotAppFactory app, string email, string password)
    {
        await using var scope = app.NewScope();
        var users = scope.Services.GetRequiredService<UserManager<BotUser>>();
        var user = new BotUser { UserName = email, Email = email, FirstName = "Sanne" };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Mentor)).Succeeded);
        return user.Id;
    }

    /// <summary>The form token a page hands this browser (bound to whoever is signed in).</summary>
    public static async Task<string> FormTokenAsync(this HttpClient http)
    {
        var token = Token().Match(await http.GetStringAsync("/account/sign-in"));
        Assert.True(token.Success, "the sign-in page carries a form token");
        return token.Groups[1].Value;
    }

    /// <summary>Signs in at /account/sign-in as a browser does; the cookie lands in the client's jar.</summary>
    public static async Task SignInAsync(this HttpClient http, string email, string password)
    {
        using var signedIn = await http.PostAsync("/account/sign-in", new FormUrlEncodedContent(
            [new("Email", email), new("Password", password), new("__RequestVerificationToken", await http.FormTokenAsync())]));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
