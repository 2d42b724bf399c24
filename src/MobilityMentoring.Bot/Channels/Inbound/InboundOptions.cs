using System.ComponentModel.DataAnnotations;

namespace MobilityMentoring.Bot.Channels.Inbound;

public sealed class InboundOptions
{
    public const string Section = "Inbound";

    /// <summary>The rate-limiter policy that webhook and simulator endpoints share.</summary>
    public const string TurnsPolicy = "turns";

    /// <summary>
    /// Turns processed at once by this instance; more webhooks wait in memory. Keeps the database pool from running
    /// dry under a burst (each turn holds one connection). Keep well below the pool's Maximum Pool Size (default 100).
    /// </summary>
    [Range(1, 1000, ErrorMessage = "Inbound:MaxConcurrentTurns must be between 1 and 1000.")]
    public int MaxConcurrentTurns { get; set; } = 32;

    /// <summary>Webhooks that may wait for a turn; beyond this Twilio gets 503.</summary>
    [Range(0, 1_000_000, ErrorMessage = "Inbound:MaxQueuedTurns must be between 0 and 1000000.")]
    public int MaxQueuedTurns { get; set; } = 20_000;
}
