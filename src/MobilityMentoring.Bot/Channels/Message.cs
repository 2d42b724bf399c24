namespace MobilityMentoring.Bot.Channels;

public enum MessageDirection { Inbound, Outbound }

/// <summary>
/// Inbound: Received, then Processed (or Failed after retries).
/// Outbound (the outbox): Pending until the dispatcher hands it to Twilio, then Twilio's own statuses.
/// </summary>
public enum MessageStatus
{
    Received,
    Processed,
    Pending,

    /// <summary>Claimed by the dispatcher and possibly handed to Twilio: "in doubt" until Twilio's SID is known.</summary>
    Dispatching,
    Accepted,
    Queued,
    Sending,
    Sent,
    Delivered,
    Read,
    Undelivered,
    Failed,
}

/// <summary>Every message to or from a client. Outbound rows double as the outbox.</summary>
public sealed class Message
{
    public long Id { get; set; }

    /// <summary>Null for an inbound message from a number we do not know yet.</summary>
    public int? ClientId { get; set; }
    public MessageDirection Direction { get; set; }
    public Channel Channel { get; set; }

    /// <summary>Provider addresses as Twilio writes them: +E164, or whatsapp:+E164.</summary>
    public required string From { get; set; }
    public required string To { get; set; }
    public string Body { get; set; } = "";

    /// <summary>Twilio's MessageSid (SM… / MM…). Unique: a repeated webhook cannot create a second row.</summary>
    public string? ProviderSid { get; set; }

    /// <summary>WhatsApp template (Content API) used instead of a free-form body.</summary>
    public string? ContentSid { get; set; }
    public string? ContentVariables { get; set; }

    public MessageOrigin Origin { get; set; }
    public MessageStatus Status { get; set; }
    public int? ErrorCode { get; set; }
    public int Attempts { get; set; }

    /// <summary>
    /// How often this outbox row was found in doubt (no SID and no word from Twilio) and looked up; at
    /// Outbox:MaxInDoubtAttempts it is given up rather than sent once more.
    /// </summary>
    public int InDoubtAttempts { get; set; }

    /// <summary>An outbox row that failed for a passing reason is not tried again before this time.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? StatusUpdatedAt { get; set; }
}
