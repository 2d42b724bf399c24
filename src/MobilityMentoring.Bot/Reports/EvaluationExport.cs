using System.Security.Claims;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Operations;
using MobilityMentoring.Bot.Privacy;

namespace MobilityMentoring.Bot.Reports;

/// <summary>The export as a file: its name and its CSV text.</summary>
public sealed record EvaluationFile(string FileName, string Csv, int Rows);

/// <summary>
/// A coordinator exports the evaluation data (the reports page and <c>GET /api/reports/evaluation</c>): one
/// pseudonymised row per client per week, the last twelve weeks or the weeks from <c>from</c> to <c>to</c>. Anyone
/// else finds nothing to export. Each export is audit-logged with its weeks and size; the pseudonyms' secret is not.
/// </summary>
public sealed class EvaluationExport(BotDbContext db, TimeProvider time)
{
    /// <summary>The longest range one export covers: two years.</summary>
    public const int MaxWeeks = 104;

    public async Task<Outcome<EvaluationFile>> RunAsync(ClaimsPrincipal coordinator, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        if (!coordinator.SeesAllClients())
        {
            return Outcome.NotFound<EvaluationFile>();
        }

        var thisMonday = ReportCalendar.WeekOf(time.GetUtcNow());
        var lastMonday = to is { } until ? ReportCalendar.WeekOf(until) : thisMonday;
        var firstMonday = from is { } since ? ReportCalendar.WeekOf(since) : lastMonday.AddDays(-7 * (ReportQuery.Weeks - 1));
        if (lastMonday > thisMonday)
        {
            return Outcome.Invalid<EvaluationFile>("to", "Not after this week.");
        }

        if (firstMonday > lastMonday)
        {
            return Outcome.Invalid<EvaluationFile>("from", "On or before to.");
        }

        if (lastMonday.DayNumber - firstMonday.DayNumber >= 7 * MaxWeeks)
        {
            return Outcome.Invalid<EvaluationFile>("from", $"At most {MaxWeeks} weeks before to.");
        }

        var rows = await EvaluationRows.LoadAsync(db, firstMonday, lastMonday, cancellationToken);
        var csv = EvaluationCsv.Write(rows);
        var weeks = FormattableString.Invariant($"{firstMonday:yyyy-MM-dd}..{lastMonday:yyyy-MM-dd}");
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow(), Actor = coordinator.Id(), Action = AuditAction.EvaluationExport, Subject = "programme:all",
            Detail = FormattableString.Invariant($"weeks {weeks}, {rows.Select(r => r.ClientId).Distinct().Count()} clients, {rows.Count} rows"),
        });
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done(new EvaluationFile($"mobility-mentoring-evaluation-{weeks}.csv", csv, rows.Count));
    }
}
