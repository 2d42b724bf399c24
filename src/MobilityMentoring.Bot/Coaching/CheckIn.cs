namespace MobilityMentoring.Bot.Coaching;

public enum CheckInOutcome { Done, NotYet, NeedHelp, NoReply }

/// <summary>One planned question about a step. (StepId, PlannedAt) is unique, so a retried job cannot plan it twice.</summary>
public sealed class CheckIn
{
    public long Id { get; set; }
    public int StepId { get; set; }
    public Step? Step { get; set; }
    public DateTimeOffset PlannedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public CheckInOutcome? Outcome { get; set; }
}
