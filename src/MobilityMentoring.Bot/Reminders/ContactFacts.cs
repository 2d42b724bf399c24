using MobilityMentoring.Bot.Coaching;

namespace MobilityMentoring.Bot.Reminders;

/// <summary>A check-in already planned for a step: when it was planned for, and whether the client answered it.</summary>
public sealed record PastCheckIn(DateTimeOffset PlannedAt, DateTimeOffset? AnsweredAt);

/// <summary>The client's current step, as the planner needs it.</summary>
public sealed record StepFacts(
    int Id, DateOnly DueDate, DayPart? DuePart, bool HardTopic, DateTimeOffset CreatedAt, IReadOnlyList<PastCheckIn> CheckIns);

/// <summary>Everything <see cref="ContactPlan"/> decides from: loaded from the database, or simulated by the preview.</summary>
public sealed record ContactFacts(
    DateTimeOffset Now,
    Cadence Cadence,
    TimeZoneInfo Zone,
    TimeOnly? PreferredTime,
    bool MayContact,
    DateTimeOffset? PausedUntil,
    DateTimeOffset LastHeardAt,
    StepFacts? Step,
    IReadOnlyList<DateTimeOffset> BotStarted);

/// <summary>
/// What the planner does next for a client: send a check-in at <see cref="At"/>, or only look again then
/// (<see cref="Send"/> false). Null <see cref="At"/>: nothing planned until something changes (a reply, a new step).
/// </summary>
public sealed record ContactDecision(DateTimeOffset? At, bool Send, bool Unreachable = false, bool NoAnswer = false)
{
    public static readonly ContactDecision Nothing = new(null, false);
}
