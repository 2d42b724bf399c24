namespace MobilityMentoring.Bot.Reminders;

/// <summary>
/// How often and when the bot reaches out to a programme's clients, set by its coordinators. The defaults follow
/// the stress-sensitive rules: nothing at night, money matters in the morning, few messages, fewer when nobody answers.
/// All times are local times in the programme's time zone.
/// </summary>
public sealed class Cadence
{
    public const int AllDays = 0b111_1111;

    /// <summary>Days the bot may start check-ins, one bit per <see cref="DayOfWeek"/> (bit 0 = Sunday).</summary>
    public int DaysMask { get; set; } = AllDays;

    /// <summary>The part of the day check-ins go out in.</summary>
    public TimeOnly WindowStart { get; set; } = new(9, 0);
    public TimeOnly WindowEnd { get; set; } = new(20, 0);

    /// <summary>The bot starts nothing from <see cref="QuietFrom"/> until <see cref="QuietUntil"/> the next morning.</summary>
    public TimeOnly QuietFrom { get; set; } = new(20, 0);
    public TimeOnly QuietUntil { get; set; } = new(9, 0);

    /// <summary>Check-ins about money, debts or the Bridge only before this time: hard topics in the morning.</summary>
    public TimeOnly HardTopicsUntil { get; set; } = new(12, 0);

    /// <summary>An unanswered check-in gets <see cref="FollowUps"/> follow-ups, this long after it.</summary>
    public TimeSpan FollowUpAfter { get; set; } = TimeSpan.FromHours(24);
    public int FollowUps { get; set; } = 1;

    /// <summary>Bot-started messages per client (crisis messages and replies do not count).</summary>
    public int MaxPerWeek { get; set; } = 3;
    public int MaxPerDay { get; set; } = 1;

    /// <summary>Check-ins plus follow-ups about one step on one planned day.</summary>
    public int MaxPerStep { get; set; } = 2;

    /// <summary>No reply for this many days makes a client unreachable: the mentor is told, nudges slow down.</summary>
    public int UnreachableAfterDays { get; set; } = 14;
    public int UnreachableNudgeEveryDays { get; set; } = 30;

    public IReadOnlyList<DayOfWeek> Days
    {
        get => [.. Enum.GetValues<DayOfWeek>().Where(Allows)];
        set => DaysMask = value.Aggregate(0, (mask, day) => mask | 1 << (int)day);
    }

    public bool Allows(DayOfWeek day) => (DaysMask & 1 << (int)day) != 0;

    /// <summary>When bot-started messages may go out on a day: the window, outside quiet hours (and before noon for hard topics).</summary>
    public (TimeOnly Start, TimeOnly End) OpenHours(bool hardTopic)
    {
        var start = Max(WindowStart, QuietUntil);
        var end = Min(WindowEnd, QuietFrom);
        return (start, hardTopic ? Min(end, HardTopicsUntil) : end);
    }

    /// <summary>What is wrong with this cadence, by field; empty when it can be saved.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        void Check(bool ok, string field, string problem)
        {
            if (!ok)
            {
                errors[field] = [problem];
            }
        }

        Check(DaysMask is > 0 and <= AllDays, "days", "Pick at least one day of the week.");
        Check(WindowStart < WindowEnd, "windowEnd", "The window must end after it starts.");
        Check(QuietUntil < QuietFrom, "quietFrom", "Quiet hours run from the evening (quietFrom) to the morning (quietUntil).");
        Check(OpenHours(hardTopic: false) is var open && open.End.ToTimeSpan() - open.Start.ToTimeSpan() >= TimeSpan.FromHours(1),
            "windowStart", "The window leaves less than an hour outside quiet hours.");
        Check(OpenHours(hardTopic: true) is var hard && hard.End > hard.Start, "hardTopicsUntil", "Hard topics need some time in the morning window.");
        Check(FollowUpAfter >= TimeSpan.FromHours(1) && FollowUpAfter <= TimeSpan.FromDays(14), "followUpAfter", "Between 1 hour and 14 days.");
        Check(FollowUps is >= 0 and <= 3, "followUps", "Between 0 and 3.");
        Check(MaxPerWeek is >= 1 and <= 7, "maxPerWeek", "Between 1 and 7 messages a week.");
        Check(MaxPerDay >= 1 && MaxPerDay <= MaxPerWeek, "maxPerDay", "At least 1, and no more than maxPerWeek.");
        Check(MaxPerStep is >= 1 and <= 4, "maxPerStep", "Between 1 and 4.");
        Check(UnreachableAfterDays is >= 3 and <= 90, "unreachableAfterDays", "Between 3 and 90 days.");
        Check(UnreachableNudgeEveryDays is >= 7 and <= 180, "unreachableNudgeEveryDays", "Between 7 and 180 days.");
        return errors;
    }

    private static TimeOnly Max(TimeOnly a, TimeOnly b) => a > b ? a : b;

    private static TimeOnly Min(TimeOnly a, TimeOnly b) => a < b ? a : b;
}
