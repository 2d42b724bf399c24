namespace MobilityMentoring.Bot.DataRights;

/// <summary>
/// A reward paid out, kept after its client was erased because the municipality must account for the money (AVG art.
/// 17(3)(b): a legal duty). It holds the amount and dates only: the client is a number, with no name, phone or words.
/// </summary>
public sealed class RetainedPayout
{
    public long Id { get; set; }

    /// <summary>The erased client's id: it matches the erasure's tombstone in the audit log, and nothing else.</summary>
    public int ClientId { get; set; }
    public int ProgrammeId { get; set; }
    public decimal Amount { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset EarnedAt { get; set; }
    public DateTimeOffset ApprovedAt { get; set; }
    public string? ApprovedById { get; set; }
    public DateTimeOffset ErasedAt { get; set; }
}
