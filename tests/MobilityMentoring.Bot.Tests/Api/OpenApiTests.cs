using System.Net.Http.Json;
using System.Text.Json;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Api;

public sealed class OpenApiTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public async Task The_OpenAPI_document_describes_the_API_and_leaves_out_the_webhooks_and_the_simulator()
    {
        var document = await app.CreateClientAs("script-author", MobilityMentoring.Bot.Accounts.Roles.Mentor).GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/clients", paths);
        Assert.Contains("/api/clients/{id}/steps", paths);
        Assert.Contains("/api/programmes/{id}/cadence/preview", paths);
        Assert.Contains("/api/auth/login", paths);
        Assert.True(document.GetProperty("paths").GetProperty("/api/reports/evaluation").GetProperty("get").GetProperty("responses").GetProperty("200")
            .GetProperty("content").TryGetProperty("text/csv", out _), "the evaluation export is documented as CSV");
        Assert.DoesNotContain(paths, p => p.StartsWith("/simulator", StringComparison.Ordinal) || p.StartsWith("/twilio", StringComparison.Ordinal));
    }

    /// <summary>Issue 15, finding 10: the document was public; it maps every endpoint, so it is for signed-in staff.</summary>
    [Fact]
    public async Task The_OpenAPI_document_is_for_signed_in_staff_only()
    {
        using var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
    }
}
