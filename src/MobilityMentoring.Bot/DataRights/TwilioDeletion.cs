namespace MobilityMentoring.Bot.DataRights;

/// <summary>
/// A message whose copy at Twilio still has to be deleted (after an erasure or at the end of retention). Only the SID
/// is kept, which says nothing without Twilio's own records; <see cref="TwilioCopiesJob"/> works the queue, so an
/// unreachable Twilio delays a deletion but never loses it.
/// </summary>
public sealed class TwilioDeletion
{
    public long Id { get; set; }
    public required string MessageSid { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
}
