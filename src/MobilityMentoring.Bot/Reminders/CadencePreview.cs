using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Dialogs;

namespace MobilityMentoring.Bot.Reminders;

public sealed record HourCount(int Hour, int Messages);

/// <summary>What a cadence would do to a programme's clients over the next four weeks.</summary>
public sealed record CadencePreviewResult(
    int Clients, bool Sampled, double MeanPerClientPerWeek, int MaxPerClientPerWeek, int ClientsAtWeeklyCap, IReadOnlyList<HourCount> SendTimes);

/// <summary>
/// Plays the next four weeks for each client of a programme with a proposed cadence, through the same
/// <see cref="ContactPlan"/> the planner uses. Clients answer at their own past rate (70 % when there is no history
/// yet, decided the same way every time) and plan their next step two days on; the silent get follow-ups and back-off.
/// </summary>
public sealed class CadencePreview(BotDbContext db, TimeProvider time)
{
    public const int Weeks = 4;
    public const int MaxClients = 5_000;
    private const double DefaultReplyRate = 0.7;

    public async Task<CadencePreviewResult> ComputeAsync(int programmeId, Cadence cadence, string timeZone, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var clients = await db.Clients.AsNoTracking().Real() // test clients are practice: the cadence is set for real ones
            .Where(c => c.ProgrammeId == programmeId && c.ConsentAt != null && c.OptedOutAt == null && c.ClosedAt == null)
            .OrderBy(c => c.Id).Take(MaxClients + 1).ToListAsync(cancellationToken);
        var sampled = clients.Count > MaxClients;
        clients = clients.Take(MaxClients).ToList();
        var ids = clients.Select(c => c.Id).ToList();
        var since = now.AddDays(-84);
        var history = await db.CheckIns.Where(c => ids.Contains(c.Step!.Goal!.ClientId) && c.PlannedAt >= since)
            .GroupBy(c => c.Step!.Goal!.ClientId)
            .Select(g => new { ClientId = g.Key, Sent = g.Count(), Answered = g.Count(c => c.AnsweredAt != null) })
            .ToDictionaryAsync(g => g.ClientId, g => (double)g.Answered / g.Sent, cancellationToken);

        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var weekly = new List<int>();
        var hours = new int[24];
        var atCap = 0;
        foreach (var client in clients)
        {
            var current = await StepWording.CurrentStepAsync(db, client.Id, cancellationToken);
            var sent = Simulate(client, current, cadence, zone, now, history.GetValueOrDefault(client.Id, DefaultReplyRate));
            for (var week = 0; week < Weeks; week++)
            {
                weekly.Add(sent.Count(at => (at - now).TotalDays >= week * 7 && (at - now).TotalDays < (week + 1) * 7));
            }

            atCap += sent.GroupBy(at => ContactPlan.WeekOf(ContactPlan.LocalDate(at, zone))).Any(w => w.Count() >= cadence.MaxPerWeek) ? 1 : 0;
            foreach (var at in sent)
            {
                hours[TimeZoneInfo.ConvertTime(at, zone).Hour]++;
            }
        }

        return new CadencePreviewResult(clients.Count, sampled, weekly.Count == 0 ? 0 : Math.Round(weekly.Average(), 2),
            weekly.Count == 0 ? 0 : weekly.Max(), atCap, [.. hours.Select((count, hour) => new HourCount(hour, count))]);
    }

    private static List<DateTimeOffset> Simulate(Client client, Step? current, Cadence cadence, TimeZoneInfo zone, DateTimeOffset now, double replyRate)
    {
        var end = now.AddDays(Weeks * 7);
        var step = new StepFacts(0, current?.DueDate ?? ContactPlan.LocalDate(now, zone).AddDays(1), current?.DuePart,
            ContactFactsLoader.IsHardTopic(current?.Goal?.Pillar), current?.CreatedAt ?? now.AddDays(-1), []);
        var lastHeard = client.LastInboundAt ?? client.ConsentAt ?? now;
        var sent = new List<DateTimeOffset>();
        var t = now;
        for (var guard = 0; guard < 500; guard++)
        {
            var decision = ContactPlan.Next(new ContactFacts(t, cadence, zone, client.PreferredTime, true, client.PausedUntil, lastHeard, step, sent));
            if (decision.At is not { } at || at >= end)
            {
                break;
            }

            if (!decision.Send)
            {
                if (at <= t)
                {
                    break;
                }

                t = at;
                continue;
            }

            t = at > t ? at : t;
            sent.Add(t);
            step = step with { CheckIns = [.. step.CheckIns, new PastCheckIn(at, null)] };
            if (Answers(client.Id, sent.Count, replyRate))
            {
                lastHeard = t.AddHours(1);
                step = step with { Id = step.Id + 1, DueDate = ContactPlan.LocalDate(t, zone).AddDays(2), CreatedAt = lastHeard, CheckIns = [] };
                t = lastHeard;
            }
        }

        return sent;
    }

    /// <summary>Whether the client answers their n-th message: the same every time, spread like their reply rate.</summary>
    private static bool Answers(int clientId, int n, double replyRate) =>
        (uint)(clientId * 7919 + n * 104_729) % 100 < replyRate * 100;
}
