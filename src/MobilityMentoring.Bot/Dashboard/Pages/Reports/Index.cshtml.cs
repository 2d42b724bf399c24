using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Reports;

namespace MobilityMentoring.Bot.Dashboard.Pages.Reports;

/// <summary>
/// Programme-wide figures per week, as charts and as CSV, counts only: no client is named. Also the evaluation export,
/// a row per client per week under a pseudonym.
/// </summary>
[Authorize(Roles = Roles.Coordinator)]
public sealed class ReportsModel(ReportQuery reports, EvaluationExport evaluation, UserManager<BotUser> users) : PageModel
{
    public IReadOnlyList<ReportWeek> Weeks { get; private set; } = [];
    public DashboardText Text { get; private set; } = new("nl");

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Text = await DashboardText.ForAsync(users, User);
        Weeks = await reports.WeeklyAsync(cancellationToken);
    }

    public async Task<FileContentResult> OnGetCsvAsync(CancellationToken cancellationToken) =>
        File(Encoding.UTF8.GetBytes(ReportQuery.Csv(await reports.WeeklyAsync(cancellationToken))), "text/csv", "mobility-mentoring-report.csv");

    /// <summary>The last twelve weeks; a range is for <c>GET /api/reports/evaluation?from=…&amp;to=…</c>.</summary>
    public async Task<IActionResult> OnGetEvaluationAsync(CancellationToken cancellationToken) =>
        await evaluation.RunAsync(User, from: null, to: null, cancellationToken) is { IsDone: true, Value: { } file }
            ? File(Encoding.UTF8.GetBytes(file.Csv), "text/csv", file.FileName)
            : NotFound();

    public string Chart(string id, string titleKey, Func<ReportWeek, int?> value) =>
        BarChart.Svg(id, Text[titleKey], [.. Weeks.Select(w => (w.Monday.ToString("d-M", System.Globalization.CultureInfo.InvariantCulture), value(w)))], labelEvery: 2);
}
