namespace MobilityMentoring.Bot.Summaries;

/// <summary>A mentor-facing summary of one client's conversation over a period.</summary>
public sealed class Summary
{
    public int Id { get; set; }
    public int ClientId { get; set; }
    public DateTimeOffset PeriodStart { get; set; }
    public DateTimeOffset PeriodEnd { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
}
