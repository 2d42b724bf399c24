using System.Net;
using System.Net.Http.Json;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Accounts;

/// <summary>Odd input at sign-in gets the plain refusal, never a 500 (the audit line holds a masked e-mail of bounded length).</summary>
public sealed class SignInOddInputTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Theory]
    [InlineData(300)]
    [InlineData(5000)]
    public async Task A_very_long_email_address_is_refused_like_any_unknown_one(int length)
    {
        var email = "x@" + new string('a', length) + ".example";

        using var api = await app.NewVisitor().PostAsJsonAsync("/api/auth/login", new { email, password = "whatever-2026" });
        var page = app.NewVisitor();
        using var form = await page.PostAsync("/account/sign-in", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", await page.FormTokenAsync()), new("Email", email), new("Password", "whatever-2026")]));

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
    }
}
