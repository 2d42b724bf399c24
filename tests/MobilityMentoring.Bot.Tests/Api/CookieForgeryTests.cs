using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Api;

/// <summary>
/// Issue 15, finding 8: a POST to /api with only the dashboard's cookie used to change data, so any web page a mentor
/// visited could mark their clients' summaries read or their flags handled. Now the cookie needs the antiforgery header.
/// </summary>
public sealed partial class CookieForgeryTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public async Task An_api_change_with_the_cookie_alone_is_refused_with_the_antiforgery_header_or_a_bearer_token_it_works()
    {
        const string password = "Cookie-test-2026";
        var email = $"mentor-{Guid.NewGuid():N}@csrf.test";
        var mentorId = await app.AddUserAsync(email, password, "Kim", Roles.Mentor);
        var client = await app.AddClientAsync(Phones.Next());
        await using (var scope = app.NewScope())
        {
            await scope.Db.Clients.Where(c => c.Id == client.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.MentorId, mentorId));
        }

        using var browser = app.CreateClientFrom("192.0.2.60");
        await browser.SignedInAsync(email, password);
        var reviewed = $"/api/clients/{client.Id}/summary/reviewed";

        // Reading with the cookie alone stays as it was; changing is refused and changes nothing.
        using (var read = await browser.GetAsync($"/api/clients/{client.Id}/summary"))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        using (var forged = await browser.PostAsync(reviewed, null))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
            Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);
            Assert.Contains("X-CSRF-TOKEN", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var wrongToken = new HttpRequestMessage(HttpMethod.Post, reviewed))
        {
            wrongToken.Headers.Add("X-CSRF-TOKEN", "made-up");
            using var response = await browser.SendAsync(wrongToken);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        Assert.Equal(0, await SummariesAsync(client.Id));

        // A page's script sends the token its page carries.
        var token = CsrfMeta().Match(await browser.GetStringAsync("/")).Groups[1].Value;
        Assert.NotEmpty(token);
        using (var withHeader = new HttpRequestMessage(HttpMethod.Post, reviewed))
        {
            withHeader.Headers.Add("X-CSRF-TOKEN", token);
            using var response = await browser.SendAsync(withHeader);
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
        }

        Assert.Equal(1, await SummariesAsync(client.Id));

        // A script with a bearer token needs no antiforgery token: nothing of it travels by itself.
        var (access, _) = await app.CreateClientFrom("192.0.2.61").TokensAsync(email, password);
        using var script = app.CreateClientFrom("192.0.2.61");
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        using (var response = await script.PostAsync(reviewed, null))
        {
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
        }

        Assert.Equal(2, await SummariesAsync(client.Id));
    }

    private async Task<int> SummariesAsync(int clientId)
    {
        await using var scope = app.NewScope();
        return await scope.Db.Summaries.CountAsync(s => s.ClientId == clientId && s.ReviewedAt != null);
    }

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex CsrfMeta();
}
