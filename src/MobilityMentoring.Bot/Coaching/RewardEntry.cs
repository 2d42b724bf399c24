namespace MobilityMentoring.Bot.Coaching;

/// <summary>
/// One line of the append-only reward ledger: points for a confirmed step, or a payout that a mentor
/// approves with an evidence note. Lines are never updated except to record the approval.
/// </summary>
public enum RewardKind { StepPoints, Milestone }

public sealed class RewardEntry
{
    public long Id { get; set; }
    public RewardKind Kind { get; set; }
    public int ClientId { get; set; }
    public Client? Client { get; set; }
    public int Points { get; set; }
    public decimal? Amount { get; set; }
    public required string Reason { get; set; }
    public int? StepId { get; set; }
    public string? EvidenceNote { get; set; }
    public string? ApprovedById { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
