namespace MobilityMentoring.Bot.Privacy;

/// <summary>Who did what to whose data, and when: transcript views, erasures, approvals, pauses.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>A user id, or "system:job-name" for background work.</summary>
    public required string Actor { get; set; }
    public required AuditAction Action { get; set; }
    public required string Subject { get; set; }
    public string? Detail { get; set; }
}
