using MobilityMentoring.Bot.Coaching;

namespace MobilityMentoring.Bot.Reminders;

/// <summary>
/// When the bot next reaches out to one client, as a pure function of the facts, so the planner, its retries, a
/// second instance and the cadence preview all reach the same answer. Local times are turned into instants per day
/// with that day's UTC offset, so summer and winter time never shift or double a check-in.
/// </summary>
public static class ContactPlan
{
    /// <summary>A step just planned is not checked on within this time, even if its day is today.</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromHours(2);

    private const int DaysAhead = 400;

    public static ContactDecision Next(ContactFacts facts)
    {
        if (!facts.MayContact || facts.Step is not { } step)
        {
            return ContactDecision.Nothing;
        }

        var cadence = facts.Cadence;
        var unreachableSince = facts.LastHeardAt.AddDays(cadence.UnreachableAfterDays);
        var unreachable = facts.Now >= unreachableSince;
        var dueFrom = StartOfDay(step.DueDate, facts.Zone);
        var forThisDay = step.CheckIns.Where(c => c.PlannedAt >= dueFrom).OrderBy(c => c.PlannedAt).ToList();
        var last = forThisDay.LastOrDefault();

        DateTimeOffset earliest;
        if (unreachable)
        {
            // Quiet for weeks: one nudge a month, whatever the step, and the mentor knows.
            var lastNudge = facts.BotStarted.Count > 0 ? facts.BotStarted.Max() : DateTimeOffset.MinValue;
            earliest = Max(unreachableSince, lastNudge == DateTimeOffset.MinValue ? unreachableSince : lastNudge.AddDays(cadence.UnreachableNudgeEveryDays));
        }
        else if (last?.AnsweredAt is not null)
        {
            // Answered: the conversation moved on (a new day, help, a smaller step). Look again if they go quiet.
            return new ContactDecision(unreachableSince, Send: false);
        }
        else if (last is null)
        {
            var planned = Max(step.CreatedAt, step.CheckIns.Select(c => c.AnsweredAt).Max() ?? step.CreatedAt);
            earliest = Max(dueFrom, planned + SettleTime);
        }
        else if (forThisDay.Count < Math.Min(cadence.MaxPerStep, 1 + cadence.FollowUps))
        {
            earliest = last.PlannedAt + cadence.FollowUpAfter;
        }
        else
        {
            // Both asked, no answer: the bot stops asking about this step and tells the mentor; after a long silence, nudges.
            var noAnswer = facts.Now >= last.PlannedAt + cadence.FollowUpAfter;
            return new ContactDecision(noAnswer ? unreachableSince : last.PlannedAt + cadence.FollowUpAfter, Send: false, NoAnswer: noAnswer);
        }

        if (facts.PausedUntil is { } paused && paused > earliest)
        {
            earliest = paused;
        }

        var slot = FirstSlot(facts, earliest, step);
        return slot is null ? ContactDecision.Nothing : new ContactDecision(slot, Send: true, Unreachable: unreachable);
    }

    /// <summary>The first moment from <paramref name="earliest"/> on an allowed day, in open hours, within the caps.</summary>
    private static DateTimeOffset? FirstSlot(ContactFacts facts, DateTimeOffset earliest, StepFacts step)
    {
        var cadence = facts.Cadence;
        var (open, close) = cadence.OpenHours(step.HardTopic);
        var preferred = facts.PreferredTime ?? ClientClock.TimeOf(step.DuePart ?? DayPart.Morning);
        var latest = close.AddMinutes(-30) < open ? open : close.AddMinutes(-30);
        var time = preferred < open ? open : preferred > latest ? latest : preferred;
        var sent = facts.BotStarted.Select(at => LocalDate(at, facts.Zone)).ToList();

        var firstDay = LocalDate(earliest, facts.Zone);
        for (var date = firstDay; date <= firstDay.AddDays(DaysAhead); date = date.AddDays(1))
        {
            if (!cadence.Allows(date.DayOfWeek)
                || sent.Count(d => d == date) >= cadence.MaxPerDay
                || sent.Count(d => WeekOf(d) == WeekOf(date)) >= cadence.MaxPerWeek)
            {
                continue;
            }

            var at = ToInstant(date, time, facts.Zone);
            if (at < earliest)
            {
                at = earliest;
            }

            if (TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, facts.Zone).DateTime) is var local && local >= open && local < close && LocalDate(at, facts.Zone) == date)
            {
                return at;
            }
        }

        return null;
    }

    public static DateOnly LocalDate(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>Monday of the week <paramref name="date"/> is in: caps count per calendar week, Monday to Sunday.</summary>
    public static DateOnly WeekOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    public static DateTimeOffset StartOfDay(DateOnly date, TimeZoneInfo zone) => ToInstant(date, TimeOnly.MinValue, zone);

    /// <summary>A local wall-clock time on a date, as a UTC instant, with that date's own offset.</summary>
    public static DateTimeOffset ToInstant(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1); // inside the spring-forward gap: the same wall time an hour on
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
