using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.Reports;

/// <summary>
/// One client's week for the evaluation: counts, an enum and yes/no only. It holds the client's id for the
/// pseudonym to be made from; the id itself never leaves <see cref="EvaluationCsv"/>.
/// </summary>
public sealed record EvaluationRow(
    int ClientId, int ProgrammeId, DateOnly Monday, BridgePillar? Pillar, int StepsAgreed, int StepsDone, int StepsNotYet,
    int CheckInsSent, int CheckInsAnswered, int PointsEarned, bool Crisis, bool OptedOut);

/// <summary>
/// Reads the rows of the evaluation export from stored events: one row per real client per week, from the week they
/// enrolled (no rows before it). Events are read once for the whole range and put into Amsterdam weeks here, as
/// <see cref="ReportQuery"/> does. Only ids, enums, times and numbers are read: no name, number or text is selected.
/// </summary>
public static class EvaluationRows
{
    public static async Task<List<EvaluationRow>> LoadAsync(BotDbContext db, DateOnly firstMonday, DateOnly lastMonday, CancellationToken cancellationToken)
    {
        var since = ReportCalendar.Start(firstMonday);
        var until = ReportCalendar.Start(lastMonday.AddDays(7));

        // Simulator test clients are practice, not the programme: left out, as in the weekly report.
        var clients = await db.Clients.AsNoTracking().Real().Where(c => c.CreatedAt < until)
            .Select(c => new { c.Id, c.ProgrammeId, c.CreatedAt }).ToListAsync(cancellationToken);
        var goals = (await db.Goals.AsNoTracking().Where(g => g.Status == GoalStatus.Active && g.CreatedAt < until && g.Client!.TestOwnerId == null)
                .Select(g => new { g.ClientId, g.Pillar, g.CreatedAt }).ToListAsync(cancellationToken))
            .ToLookup(g => g.ClientId);
        var steps = db.Steps.AsNoTracking().Where(s => s.Goal!.Client!.TestOwnerId == null);
        // A step is agreed when the client confirmed it (a draft is not yet); it counts in the week it was made.
        var agreed = Tally(await steps.Where(s => s.Status != StepStatus.Draft && s.CreatedAt >= since && s.CreatedAt < until)
            .Select(s => new Event(s.Goal!.ClientId, s.CreatedAt, 1)).ToListAsync(cancellationToken));
        var done = Tally(await steps.Where(s => s.CompletedAt >= since && s.CompletedAt < until)
            .Select(s => new Event(s.Goal!.ClientId, s.CompletedAt!.Value, 1)).ToListAsync(cancellationToken));

        // Check-ins count in the week they were sent; answered and "not yet" are of those (a Sunday question answered on Monday is that Sunday's).
        var checkIns = await db.CheckIns.AsNoTracking().Where(c => c.SentAt >= since && c.SentAt < until && c.Step!.Goal!.Client!.TestOwnerId == null)
            .Select(c => new { c.Step!.Goal!.ClientId, SentAt = c.SentAt!.Value, Answered = c.AnsweredAt != null, NotYet = c.Outcome == CheckInOutcome.NotYet })
            .ToListAsync(cancellationToken);
        var sent = Tally(checkIns.Select(c => new Event(c.ClientId, c.SentAt, 1)));
        var answered = Tally(checkIns.Where(c => c.Answered).Select(c => new Event(c.ClientId, c.SentAt, 1)));
        var notYet = Tally(checkIns.Where(c => c.NotYet).Select(c => new Event(c.ClientId, c.SentAt, 1)));

        var points = Tally(await db.RewardEntries.AsNoTracking().Where(r => r.CreatedAt >= since && r.CreatedAt < until && r.Client!.TestOwnerId == null)
            .Select(r => new Event(r.ClientId, r.CreatedAt, r.Points)).ToListAsync(cancellationToken));
        var flags = await db.Flags.AsNoTracking()
            .Where(f => (FlagKinds.Crisis.Contains(f.Kind) || f.Kind == FlagKind.OptedOut) && f.RaisedAt >= since && f.RaisedAt < until && f.Client!.TestOwnerId == null)
            .Select(f => new { f.ClientId, f.Kind, f.RaisedAt }).ToListAsync(cancellationToken);
        var crises = Tally(flags.Where(f => f.Kind.IsCrisis()).Select(f => new Event(f.ClientId, f.RaisedAt, 1)));
        var optOuts = Tally(flags.Where(f => f.Kind == FlagKind.OptedOut).Select(f => new Event(f.ClientId, f.RaisedAt, 1)));

        return [.. clients.SelectMany(client =>
        {
            var enrolled = ReportCalendar.WeekOf(client.CreatedAt);
            return ReportCalendar.Mondays(enrolled > firstMonday ? enrolled : firstMonday, lastMonday).Select(monday =>
            {
                var key = (client.Id, monday);
                var weekEnd = ReportCalendar.Start(monday.AddDays(7));
                var goal = goals[client.Id].Where(g => g.CreatedAt < weekEnd).MaxBy(g => g.CreatedAt);
                return new EvaluationRow(
                    client.Id, client.ProgrammeId, monday, goal?.Pillar, agreed.GetValueOrDefault(key), done.GetValueOrDefault(key), notYet.GetValueOrDefault(key),
                    sent.GetValueOrDefault(key), answered.GetValueOrDefault(key), points.GetValueOrDefault(key),
                    crises.GetValueOrDefault(key) > 0, optOuts.GetValueOrDefault(key) > 0);
            });
        })];
    }

    private sealed record Event(int ClientId, DateTimeOffset At, int Weight);

    /// <summary>Per client and week, the events' weights added up.</summary>
    private static Dictionary<(int ClientId, DateOnly Monday), int> Tally(IEnumerable<Event> events) =>
        events.GroupBy(e => (e.ClientId, ReportCalendar.WeekOf(e.At))).ToDictionary(g => g.Key, g => g.Sum(e => e.Weight));
}
