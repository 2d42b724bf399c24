using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Channels;

namespace MobilityMentoring.Bot.Coaching;

/// <summary>A participant (deelnemer) who chats with the bot between meetings with their mentor.</summary>
public sealed class Client
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    public Programme? Programme { get; set; }
    public string? MentorId { get; set; }
    public BotUser? Mentor { get; set; }

    /// <summary>How the client likes to be called; never required.</summary>
    public string? FirstName { get; set; }
    public required PhoneNumber Phone { get; set; }
    public Channel Channel { get; set; } = Channel.Sms;
    public string Language { get; set; } = "nl";
    public string TimeZone { get; set; } = "Europe/Amsterdam";

    public DateTimeOffset? ConsentAt { get; set; }

    /// <summary>The programme's info version the current consent is for (see <see cref="ConsentRecord"/>).</summary>
    public string? ConsentVersion { get; set; }

    /// <summary>The info version this client was last asked to agree to again: asked once, answered or not.</summary>
    public string? ConsentAskedVersion { get; set; }
    public DateTimeOffset? OptedOutAt { get; set; }
    public Channel? OptedOutVia { get; set; }
    public DateTimeOffset? PausedUntil { get; set; }

    /// <summary>Local time of day the client prefers for check-ins.</summary>
    public TimeOnly? PreferredTime { get; set; }

    /// <summary>When the planner should next consider this client; indexed for the planner's scan.</summary>
    public DateTimeOffset? NextContactAt { get; set; }

    /// <summary>Planning this client failed this many times in a row (reset when it works).</summary>
    public int PlanningFailures { get; set; }

    /// <summary>
    /// Planning kept failing, so the planner skips this client until a person looks: handling any of their flags
    /// (the planner raised one) resumes it.
    /// </summary>
    public DateTimeOffset? PlanningParkedAt { get; set; }
    public DateTimeOffset? LastInboundAt { get; set; }
    public DateTimeOffset? LastOutboundAt { get; set; }

    /// <summary>A mentor took over the conversation: the bot stays silent (but for STOP and the crisis net) until handed back.</summary>
    public DateTimeOffset? HandedOffAt { get; set; }
    public string? HandedOffById { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The case is closed: the bot said goodbye once and the number is unknown to it again (until reopened).</summary>
    public DateTimeOffset? ClosedAt { get; set; }
    public string? CloseReason { get; set; }

    /// <summary>
    /// Set on a simulator test client: the staff member who made it, the only one who can chat as it. A test client
    /// never hears from Twilio and real SMS or WhatsApp never reach it; null for every real client.
    /// </summary>
    public string? TestOwnerId { get; set; }

    public bool IsTest => TestOwnerId is not null;

    public List<Goal> Goals { get; } = [];

    public bool IsPaused(DateTimeOffset now) => PausedUntil is { } until && until > now;
}
