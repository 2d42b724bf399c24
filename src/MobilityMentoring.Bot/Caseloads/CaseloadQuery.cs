using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.Caseloads;

/// <summary>
/// One line of the caseload (last contact in the client's local time). Crisis and help flags are health data: only the
/// client's own mentor sees which kind.
/// </summary>
public sealed record CaseloadRow(
    int ClientId, string Name, string Phone, IReadOnlyList<string> Flags, DateTimeOffset? LastContact, string? Step, DateOnly? StepDue,
    bool Overdue, int Done, int NotYet, int NoAnswer, int Points, int Need, bool Own, bool Closed);

/// <summary>
/// The caseload sorted by need: open crisis, then help asked, then unreachable or unanswered, then steps overdue,
/// then everyone else (longest silent first). A handful of queries, whatever the number of clients. Closed cases only
/// with the filter "closed".
/// </summary>
public sealed class CaseloadQuery(BotDbContext db, TimeProvider time)
{
    public async Task<List<CaseloadRow>> ForAsync(ClaimsPrincipal user, string? search, string? filter, CancellationToken cancellationToken)
    {
        var me = user.Id();
        var closed = filter == "closed";
        var clients = db.Clients.AsNoTracking().VisibleTo(user).Where(c => (c.ClosedAt != null) == closed);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            clients = clients.Where(c => (c.FirstName != null && EF.Functions.Like(c.FirstName, $"%{term}%")));
        }

        var list = await clients.Select(c => new { c.Id, c.FirstName, c.Phone, c.MentorId, c.LastInboundAt, c.TimeZone }).ToListAsync(cancellationToken);
        var ids = list.Select(c => c.Id).ToList();
        var flags = (await db.Flags.AsNoTracking().Where(f => ids.Contains(f.ClientId) && f.HandledAt == null)
            .Select(f => new { f.ClientId, f.Kind }).ToListAsync(cancellationToken)).ToLookup(f => f.ClientId, f => f.Kind);
        var steps = (await db.Steps.AsNoTracking().Where(s => ids.Contains(s.Goal!.ClientId) && s.Status == StepStatus.Active)
                .Select(s => new { s.Goal!.ClientId, s.Text, s.DueDate, s.Id }).ToListAsync(cancellationToken))
            .GroupBy(s => s.ClientId).ToDictionary(g => g.Key, g => g.OrderBy(s => s.DueDate).ThenBy(s => s.Id).First());
        var now = time.GetUtcNow();
        var weekStart = now.AddDays(-7);
        var week = (await db.CheckIns.AsNoTracking().Where(c => ids.Contains(c.Step!.Goal!.ClientId) && c.PlannedAt >= weekStart)
            .Select(c => new { c.Step!.Goal!.ClientId, c.Outcome }).ToListAsync(cancellationToken)).ToLookup(c => c.ClientId, c => c.Outcome);
        var points = await db.RewardEntries.AsNoTracking().Where(r => ids.Contains(r.ClientId)).GroupBy(r => r.ClientId)
            .Select(g => new { ClientId = g.Key, Points = g.Sum(r => r.Points) }).ToDictionaryAsync(g => g.ClientId, g => g.Points, cancellationToken);

        var rows = list.Select(c =>
        {
            var open = flags[c.Id].Distinct().ToList();
            var step = steps.GetValueOrDefault(c.Id);
            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(c.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
            var overdue = step?.DueDate is { } due && due < today;
            var need = open.Any(k => k.IsCrisis()) ? 0 : open.Contains(FlagKind.Help) ? 1
                : open.Contains(FlagKind.Unreachable) || open.Contains(FlagKind.NoAnswer) ? 2 : overdue ? 3 : 4;
            var shown = c.MentorId == me
                ? open.Select(k => $"flag.{k}").ToList()
                : open.Count > 0 ? ["flag.other"] : [];
            var outcomes = week[c.Id].ToList();
            return new CaseloadRow(c.Id, c.FirstName ?? "", c.Phone.Masked, shown,
                c.LastInboundAt is { } last ? TimeZoneInfo.ConvertTime(last, zone) : null, step?.Text, step?.DueDate, overdue,
                outcomes.Count(o => o == CheckInOutcome.Done), outcomes.Count(o => o == CheckInOutcome.NotYet),
                outcomes.Count(o => o is null), points.GetValueOrDefault(c.Id), need, c.MentorId == me, closed);
        });

        rows = filter switch
        {
            "flagged" => rows.Where(r => r.Flags.Count > 0),
            "overdue" => rows.Where(r => r.Overdue),
            _ => rows,
        };

        return [.. rows.OrderBy(r => r.Need).ThenBy(r => r.LastContact ?? DateTimeOffset.MinValue).ThenBy(r => r.Name, StringComparer.CurrentCulture)];
    }
}
