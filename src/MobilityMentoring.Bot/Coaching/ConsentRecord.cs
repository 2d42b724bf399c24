using MobilityMentoring.Bot.Channels;

namespace MobilityMentoring.Bot.Coaching;

public enum ConsentAnswer { Given, Declined, Withdrawn }

/// <summary>
/// Evidence of consent (AVG art. 7(1)): what the client agreed to, refused or took back, and how — the question they
/// answered (its message key and language, and the version of the info page it pointed to), or the keyword they sent,
/// with the inbound message that said it. One row per answer, never changed; the client page shows them.
/// </summary>
public sealed class ConsentRecord
{
    public long Id { get; set; }
    public int ClientId { get; set; }
    public DateTimeOffset At { get; set; }
    public ConsentAnswer Answer { get; set; }

    /// <summary>The message key of the question answered ("onboarding.welcome", "consent.renew"), or the keyword sent ("STOP", "START").</summary>
    public required string Question { get; set; }
    public required string Language { get; set; }

    /// <summary>The programme's <see cref="Programme.InfoVersion"/> the answer is about.</summary>
    public required string InfoVersion { get; set; }
    public string? InfoUrl { get; set; }

    /// <summary>The inbound message that said it (null once retention has removed that message).</summary>
    public long? MessageId { get; set; }
    public Channel Channel { get; set; }
}
