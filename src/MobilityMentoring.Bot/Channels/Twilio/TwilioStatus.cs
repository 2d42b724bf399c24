namespace MobilityMentoring.Bot.Channels.Twilio;

/// <summary>
/// Twilio's message statuses and their order. Callbacks arrive out of order and more than once, so a status only
/// ever moves forward: queued &lt; sending &lt; sent &lt; delivered &lt; read, and undelivered/failed end it.
/// </summary>
public static class TwilioStatus
{
    public static MessageStatus? Parse(string? status) => status?.ToLowerInvariant() switch
    {
        "accepted" => MessageStatus.Accepted,
        "queued" or "scheduled" => MessageStatus.Queued,
        "sending" => MessageStatus.Sending,
        "sent" => MessageStatus.Sent,
        "delivered" => MessageStatus.Delivered,
        "read" => MessageStatus.Read,
        "undelivered" => MessageStatus.Undelivered,
        "failed" or "canceled" => MessageStatus.Failed,
        _ => null,
    };

    public static bool IsFailure(MessageStatus status) => status is MessageStatus.Undelivered or MessageStatus.Failed;

    /// <summary>Whether a message in <paramref name="current"/> may move to <paramref name="next"/>.</summary>
    public static bool MovesForward(MessageStatus current, MessageStatus next) =>
        !IsFailure(current) && current != MessageStatus.Read && (IsFailure(next) || Rank(next) > Rank(current));

    /// <summary>
    /// The statuses a message may be in to move to <paramref name="next"/>: the "rank below" condition, for a single
    /// conditional UPDATE.
    /// </summary>
    public static MessageStatus[] MayMoveTo(MessageStatus next) => [.. Enum.GetValues<MessageStatus>().Where(s => MovesForward(s, next))];

    private static int Rank(MessageStatus status) => status switch
    {
        MessageStatus.Pending => 0,
        MessageStatus.Dispatching => 1,
        MessageStatus.Accepted => 2,
        MessageStatus.Queued => 3,
        MessageStatus.Sending => 4,
        MessageStatus.Sent => 5,
        MessageStatus.Delivered => 6,
        MessageStatus.Read => 7,
        _ => 0,
    };
}
