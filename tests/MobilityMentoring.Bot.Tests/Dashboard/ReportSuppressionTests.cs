using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Reports;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Dashboard;

/// <summary>
/// Issue 17: small cells (fewer than 5 clients) are suppressed in any aggregate table. The weekly report is one
/// (a row per programme-wide week), so a week with 4 active clients shows none of its figures, on the page, in the
/// CSV and in the API; with 5 it shows them all. Its own database: the week's counts are exact.
/// </summary>
public sealed partial class ReportSuppressionTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public async Task A_week_with_fewer_than_5_active_clients_shows_no_figures_and_with_5_shows_them()
    {
        var quitter = new Chat(app, Phones.Next());
        await app.AddClientAsync(quitter.Phone);
        await quitter.SayAsync("STOP");
        for (var i = 0; i < ReportQuery.MinimumClients - 2; i++)
        {
            await WriteAsync();
        }

        using var coordinator = app.CreateClientAs("coordinator", Roles.Coordinator);
        Assert.Equal("2026-11-23,,,,,,", await ThisWeekInCsvAsync(coordinator));
        Assert.Equal(["–", "–", "–", "–", "–", "–"], await ThisWeekOnPageAsync(coordinator));
        Assert.Contains("id=\"suppressed\"", await coordinator.GetStringAsync("/reports"), StringComparison.Ordinal);
        var api = (await coordinator.GetFromJsonAsync<JsonElement>("/api/reports/weekly"))[ReportQuery.Weeks - 1];
        Assert.True(api.GetProperty("suppressed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, api.GetProperty("activeClients").ValueKind);
        Assert.Equal(JsonValueKind.Null, api.GetProperty("optOuts").ValueKind);

        await WriteAsync();

        Assert.Equal("2026-11-23,5,0,0,0,1,0", await ThisWeekInCsvAsync(coordinator));
        Assert.Equal(["5", "0", "0", "0", "1", "0"], await ThisWeekOnPageAsync(coordinator));
        api = (await coordinator.GetFromJsonAsync<JsonElement>("/api/reports/weekly"))[ReportQuery.Weeks - 1];
        Assert.False(api.GetProperty("suppressed").GetBoolean());
        Assert.Equal(5, api.GetProperty("activeClients").GetInt32());
    }

    private async Task WriteAsync()
    {
        var chat = new Chat(app, Phones.Next());
        await app.AddClientAsync(chat.Phone);
        await chat.SendAsync("hoi");
    }

    private static async Task<string> ThisWeekInCsvAsync(HttpClient coordinator) =>
        (await coordinator.GetStringAsync("/reports?handler=Csv")).TrimEnd().Split('\n')[^1];

    /// <summary>The figures in the table's last row (this week), without its date.</summary>
    private static async Task<string[]> ThisWeekOnPageAsync(HttpClient coordinator)
    {
        var html = await coordinator.GetStringAsync("/reports");
        var body = html[html.IndexOf("<tbody>", StringComparison.Ordinal)..html.IndexOf("</tbody>", StringComparison.Ordinal)];
        var lastRow = Row().Matches(body)[^1].Groups[1].Value;
        return [.. Cell().Matches(lastRow).Skip(1).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))];
    }

    [GeneratedRegex("<tr[^>]*>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex Row();

    [GeneratedRegex("<td>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex Cell();
}
