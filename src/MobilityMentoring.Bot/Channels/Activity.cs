using System.Text.Json.Serialization;

namespace MobilityMentoring.Bot.Channels;

/// <summary>The activity types we use, named as in the Bot Framework schema.</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string Event = "event";
}

/// <summary>Channel ids, as they appear in <see cref="Activity.ChannelId"/>.</summary>
public static class ChannelIds
{
    public const string Sms = "sms";
    public const string WhatsApp = "whatsapp";
    public const string Simulator = "simulator";

    public static string For(Channel channel) => channel switch
    {
        Channel.WhatsApp => WhatsApp,
        Channel.Simulator => Simulator,
        _ => Sms,
    };

    public static Channel ToChannel(string channelId) => channelId switch
    {
        WhatsApp => Channel.WhatsApp,
        Simulator => Channel.Simulator,
        _ => Channel.Sms,
    };
}

public sealed record ChannelAccount(string Id, string? Name = null);

public sealed record ConversationAccount(string Id);

/// <summary>
/// One thing that happens in a conversation, shaped like the Bot Framework's Activity so a later move to the
/// Microsoft 365 Agents SDK (same protocol) stays open.
/// </summary>
public sealed record Activity
{
    public string Type { get; init; } = ActivityTypes.Message;
    public string? Id { get; init; }
    public DateTimeOffset Timestamp { get; init; }
    public required string ChannelId { get; init; }
    public required ChannelAccount From { get; init; }
    public required ChannelAccount Recipient { get; init; }
    public required ConversationAccount Conversation { get; init; }
    public string? Text { get; init; }

    /// <summary>For events: what happened ("proactive", "reminder", …).</summary>
    public string? Name { get; init; }

    /// <summary>Channel-specific extras: <see cref="OutboundDetails"/> on what we send.</summary>
    [JsonIgnore]
    public object? ChannelData { get; init; }

    /// <summary>A reply to this activity: same channel and conversation, sender and recipient swapped.</summary>
    public Activity CreateReply(string text, DateTimeOffset timestamp) => new()
    {
        ChannelId = ChannelId,
        From = Recipient,
        Recipient = From,
        Conversation = Conversation,
        Text = text,
        Timestamp = timestamp,
    };
}

/// <summary>
/// Why a message goes out. Replies go before bot-started messages when the outbox is busy. Safety: the crisis net's
/// answer (helplines, the gentle question), sent even after STOP.
/// </summary>
public enum MessageOrigin { Reply, Proactive, Mentor, System, Safety }

/// <summary>What a turn knows about the stored message it answers: evidence (a consent) names it.</summary>
public sealed record InboundDetails(long MessageId);

/// <summary>What the outbox needs to know about an outgoing activity besides its text.</summary>
public sealed record OutboundDetails(
    MessageOrigin Origin = MessageOrigin.Reply,
    string? ContentKey = null,
    IReadOnlyDictionary<string, string>? ContentArguments = null,
    bool SendEvenIfOptedOut = false,
    DateTimeOffset? NotBefore = null);
