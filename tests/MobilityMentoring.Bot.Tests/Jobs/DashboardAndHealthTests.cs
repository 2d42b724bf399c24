using System.Net;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Jobs;

public sealed class DashboardAndHealthTests(BotAppFactory app) : IClassFixture<BotAppFactory>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Probes_answer_healthy(string path)
    {
        using var http = app.CreateClient();
        var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Hangfire_dashboard_refuses_anonymous_requests_even_from_localhost()
    {
        using var http = app.CreateClient();
        var response = await http.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Hangfire_dashboard_refuses_mentors()
    {
        using var http = app.CreateClientAs("mentor-a", Roles.Mentor);
        var response = await http.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData(Roles.Coordinator)]
    [InlineData(Roles.Admin)]
    public async Task Hangfire_dashboard_shows_the_housekeeping_job_to_coordinators_and_admins(string role)
    {
        using var http = app.CreateClientAs("staff", role);
        var response = await http.GetAsync("/hangfire/recurring");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("housekeeping", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
