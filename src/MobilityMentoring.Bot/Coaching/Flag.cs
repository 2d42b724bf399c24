namespace MobilityMentoring.Bot.Coaching;

/// <summary>
/// NoAnswer: a check-in and its follow-up went unanswered, so the bot stopped asking about that step.
/// PossibleCrisis: words that may mean thoughts of suicide ("ik kan niet meer"); the bot asked, gently, and the
/// client's answer is in the note. Either crisis kind pauses check-ins until the mentor has handled it.
/// </summary>
public enum FlagKind { Help, Crisis, Unreachable, OptedOut, NoAnswer, PossibleCrisis }

public static class FlagKinds
{
    /// <summary>A clear or a possible crisis: either pauses every check-in until the mentor has handled it.</summary>
    public static readonly FlagKind[] Crisis = [FlagKind.Crisis, FlagKind.PossibleCrisis];

    public static bool IsCrisis(this FlagKind kind) => kind is FlagKind.Crisis or FlagKind.PossibleCrisis;

    /// <summary>The open crisis flags, clear or possible, as a database query.</summary>
    public static IQueryable<Flag> OpenCrisis(this IQueryable<Flag> flags) => flags.Where(f => Crisis.Contains(f.Kind) && f.HandledAt == null);
}

/// <summary>Something a mentor must look at. Open until a mentor marks it handled.</summary>
public sealed class Flag
{
    public int Id { get; set; }
    public int ClientId { get; set; }
    public Client? Client { get; set; }
    public FlagKind Kind { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public DateTimeOffset? HandledAt { get; set; }
    public string? HandledById { get; set; }
}
