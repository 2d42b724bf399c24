namespace MobilityMentoring.Bot.Conversations;

/// <summary>Where a client is in a dialog. Version guards against two turns writing at once.</summary>
public sealed class ConversationState
{
    public int ClientId { get; set; }
    public string? Dialog { get; set; }
    public string? DialogStep { get; set; }

    /// <summary>The active dialog's own values, as JSON.</summary>
    public string Data { get; set; } = "{}";
    public int Version { get; set; }

    /// <summary>When the crisis net asked its gentle question ("Denk je eraan om jezelf iets aan te doen?"): the next answer is for it.</summary>
    public DateTimeOffset? SafetyQuestionAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
