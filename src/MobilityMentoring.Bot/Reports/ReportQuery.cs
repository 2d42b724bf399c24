using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Reminders;

namespace MobilityMentoring.Bot.Reports;

/// <summary>One week of a programme-wide report (weeks run Monday to Sunday, Amsterdam time).</summary>
public sealed record ReportWeek(DateOnly Monday, int ActiveClients, int CheckInsSent, int CheckInsAnswered, int StepsDone, int OptOuts, int DeliveryFailures);

/// <summary>The last weeks, counted from stored events: who wrote, check-ins sent and answered, steps done, opt-outs, failed sends.</summary>
public sealed class ReportQuery(BotDbContext db, TimeProvider time)
{
    public const int Weeks = 12;
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public async Task<List<ReportWeek>> WeeklyAsync(CancellationToken cancellationToken)
    {
        var thisMonday = ContactPlan.WeekOf(ContactPlan.LocalDate(time.GetUtcNow(), Zone));
        var firstMonday = thisMonday.AddDays(-7 * (Weeks - 1));
        var since = ContactPlan.StartOfDay(firstMonday, Zone);

        // Simulator test clients are practice, not the programme: their messages and steps are left out.
        var inbound = await db.Messages.AsNoTracking().Where(m => m.Direction == MessageDirection.Inbound && m.ClientId != null && m.Channel != Channel.Simulator && m.CreatedAt >= since)
            .Select(m => new { m.ClientId, m.CreatedAt }).ToListAsync(cancellationToken);
        var checkIns = await db.CheckIns.AsNoTracking().Where(c => c.PlannedAt >= since && c.Step!.Goal!.Client!.TestOwnerId == null).Select(c => new { c.PlannedAt, c.AnsweredAt }).ToListAsync(cancellationToken);
        var stepsDone = await db.Steps.AsNoTracking().Where(s => s.CompletedAt >= since && s.Goal!.Client!.TestOwnerId == null).Select(s => s.CompletedAt!.Value).ToListAsync(cancellationToken);
        var optOuts = await db.Flags.AsNoTracking().Where(f => f.Kind == FlagKind.OptedOut && f.RaisedAt >= since && f.Client!.TestOwnerId == null).Select(f => f.RaisedAt).ToListAsync(cancellationToken);
        var failures = await db.Messages.AsNoTracking()
            .Where(m => m.Direction == MessageDirection.Outbound && m.Channel != Channel.Simulator && m.CreatedAt >= since && (m.Status == MessageStatus.Failed || m.Status == MessageStatus.Undelivered))
            .Select(m => m.CreatedAt).ToListAsync(cancellationToken);

        DateOnly Week(DateTimeOffset at) => ContactPlan.WeekOf(ContactPlan.LocalDate(at, Zone));
        return [.. Enumerable.Range(0, Weeks).Select(i => firstMonday.AddDays(7 * i)).Select(monday => new ReportWeek(
            monday,
            inbound.Where(m => Week(m.CreatedAt) == monday).Select(m => m.ClientId).Distinct().Count(),
            checkIns.Count(c => Week(c.PlannedAt) == monday),
            checkIns.Count(c => Week(c.PlannedAt) == monday && c.AnsweredAt != null),
            stepsDone.Count(at => Week(at) == monday),
            optOuts.Count(at => Week(at) == monday),
            failures.Count(at => Week(at) == monday)))];
    }

    public static string Csv(IEnumerable<ReportWeek> weeks) =>
        "week,active_clients,check_ins_sent,check_ins_answered,steps_done,opt_outs,delivery_failures\n"
        + string.Concat(weeks.Select(w => FormattableString.Invariant(
            $"{w.Monday:yyyy-MM-dd},{w.ActiveClients},{w.CheckInsSent},{w.CheckInsAnswered},{w.StepsDone},{w.OptOuts},{w.DeliveryFailures}\n")));
}
