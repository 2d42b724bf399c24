namespace MobilityMentoring.Bot.Coaching;

public enum DayPart { Morning, Afternoon, Evening }

/// <summary>Draft until the client confirms it; then active until done or dropped.</summary>
public enum StepStatus { Draft, Active, Done, Dropped }

/// <summary>A mini-step toward a goal: one action, a day and a part of the day.</summary>
public sealed class Step
{
    public int Id { get; set; }
    public int GoalId { get; set; }
    public Goal? Goal { get; set; }

    /// <summary>The step in the client's own words, stored as typed.</summary>
    public required string Text { get; set; }
    public DateOnly? DueDate { get; set; }
    public DayPart? DuePart { get; set; }
    public StepStatus Status { get; set; } = StepStatus.Draft;
    public int Position { get; set; }

    /// <summary>Completion is confirmed with the client ("did you really send it?") before points are given.</summary>
    public bool NeedsVerification { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
