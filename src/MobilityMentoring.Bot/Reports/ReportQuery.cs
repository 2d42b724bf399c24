using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.Reports;

/// <summary>
/// One week of a programme-wide report (weeks run Monday to Sunday, Amsterdam time). A week with fewer than
/// <see cref="ReportQuery.MinimumClients"/> active clients is <see cref="Suppressed"/>: every figure is null.
/// </summary>
public sealed record ReportWeek(
    DateOnly Monday, bool Suppressed, int? ActiveClients, int? CheckInsSent, int? CheckInsAnswered, int? StepsDone, int? OptOuts, int? DeliveryFailures);

/// <summary>The last weeks, counted from stored events: who wrote, check-ins sent and answered, steps done, opt-outs, failed sends.</summary>
public sealed class ReportQuery(BotDbContext db, TimeProvider time)
{
    public const int Weeks = 12;

    /// <summary>
    /// Small cells are suppressed: with fewer clients than this active in a week, its figures could point to one
    /// person (two clients and one opt-out), so the week shows none of them.
    /// </summary>
    public const int MinimumClients = 5;

    public async Task<List<ReportWeek>> WeeklyAsync(CancellationToken cancellationToken)
    {
        var thisMonday = ReportCalendar.WeekOf(time.GetUtcNow());
        var firstMonday = thisMonday.AddDays(-7 * (Weeks - 1));
        var since = ReportCalendar.Start(firstMonday);

        // Simulator test clients are practice, not the programme: their messages and steps are left out.
        var inbound = await db.Messages.AsNoTracking().Where(m => m.Direction == MessageDirection.Inbound && m.ClientId != null && m.Channel != Channel.Simulator && m.CreatedAt >= since)
            .Select(m => new { m.ClientId, m.CreatedAt }).ToListAsync(cancellationToken);
        var checkIns = await db.CheckIns.AsNoTracking().Where(c => c.PlannedAt >= since && c.Step!.Goal!.Client!.TestOwnerId == null).Select(c => new { c.PlannedAt, c.AnsweredAt }).ToListAsync(cancellationToken);
        var stepsDone = await db.Steps.AsNoTracking().Where(s => s.CompletedAt >= since && s.Goal!.Client!.TestOwnerId == null).Select(s => s.CompletedAt!.Value).ToListAsync(cancellationToken);
        var optOuts = await db.Flags.AsNoTracking().Where(f => f.Kind == FlagKind.OptedOut && f.RaisedAt >= since && f.Client!.TestOwnerId == null).Select(f => f.RaisedAt).ToListAsync(cancellationToken);
        var failures = await db.Messages.AsNoTracking()
            .Where(m => m.Direction == MessageDirection.Outbound && m.Channel != Channel.Simulator && m.CreatedAt >= since && (m.Status == MessageStatus.Failed || m.Status == MessageStatus.Undelivered))
            .Select(m => m.CreatedAt).ToListAsync(cancellationToken);

        static DateOnly Week(DateTimeOffset at) => ReportCalendar.WeekOf(at);
        return [.. ReportCalendar.Mondays(firstMonday, thisMonday).Select(monday => Counted(
            monday,
            inbound.Where(m => Week(m.CreatedAt) == monday).Select(m => m.ClientId).Distinct().Count(),
            checkIns.Count(c => Week(c.PlannedAt) == monday),
            checkIns.Count(c => Week(c.PlannedAt) == monday && c.AnsweredAt != null),
            stepsDone.Count(at => Week(at) == monday),
            optOuts.Count(at => Week(at) == monday),
            failures.Count(at => Week(at) == monday)))];
    }

    private static ReportWeek Counted(DateOnly monday, int active, int sent, int answered, int stepsDone, int optOuts, int failures) =>
        active < MinimumClients
            ? new ReportWeek(monday, Suppressed: true, null, null, null, null, null, null)
            : new ReportWeek(monday, Suppressed: false, active, sent, answered, stepsDone, optOuts, failures);

    /// <summary>A suppressed week keeps its row, with empty cells.</summary>
    public static string Csv(IEnumerable<ReportWeek> weeks) =>
        "week,active_clients,check_ins_sent,check_ins_answered,steps_done,opt_outs,delivery_failures\n"
        + string.Concat(weeks.Select(w => FormattableString.Invariant(
            $"{w.Monday:yyyy-MM-dd},{w.ActiveClients},{w.CheckInsSent},{w.CheckInsAnswered},{w.StepsDone},{w.OptOuts},{w.DeliveryFailures}\n")));
}
