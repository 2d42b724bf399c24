using System.ComponentModel.DataAnnotations;

namespace MobilityMentoring.Bot.Channels.Inbound;

public sealed class InboundOptions
{
    public const string Section = "Inbound";

    /// <summary>The rate-limiter policy of the simulator's endpoint. Twilio's webhooks have none: they are stored first.</summary>
    public const string TurnsPolicy = "turns";

    /// <summary>
    /// Turns processed at once by this instance. Keeps the database pool from running dry under a burst (each turn holds
    /// one connection). Keep well below the pool's Maximum Pool Size (default 100). Webhooks are stored before they wait
    /// for a turn, so this limit never holds up a webhook's answer for long.
    /// </summary>
    [Range(1, 1000, ErrorMessage = "Inbound:MaxConcurrentTurns must be between 1 and 1000.")]
    public int MaxConcurrentTurns { get; set; } = 32;

    /// <summary>Inserts of arriving webhooks at once (each holds a database connection for about a millisecond).</summary>
    [Range(1, 1000, ErrorMessage = "Inbound:MaxConcurrentStores must be between 1 and 1000.")]
    public int MaxConcurrentStores { get; set; } = 16;

    /// <summary>
    /// Stored messages that may wait in memory for a turn. Beyond this they wait in the database, for the sweeper; a
    /// restart loses none of them either way.
    /// </summary>
    [Range(0, 1_000_000, ErrorMessage = "Inbound:MaxQueuedTurns must be between 0 and 1000000.")]
    public int MaxQueuedTurns { get; set; } = 20_000;

    /// <summary>
    /// How long a webhook waits for a free turn before it is answered and its turn left to the background. Twilio waits
    /// 15 s for an answer and never sends an inbound message again.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10", ErrorMessage = "Inbound:InlineTurnWait must be between 0 and 10 seconds.")]
    public TimeSpan InlineTurnWait { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A webhook body must arrive within this time: a sender trickling bytes holds nothing for long.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00", ErrorMessage = "Inbound:BodyReadTimeout must be between 100 ms and a minute.")]
    public TimeSpan BodyReadTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
