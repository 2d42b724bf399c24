using System.ComponentModel.DataAnnotations;

namespace MobilityMentoring.Bot.Channels.Outbox;

public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Rows claimed at once by one dispatcher.</summary>
    [Range(1, 1000, ErrorMessage = "Outbox:BatchSize must be between 1 and 1000.")]
    public int BatchSize { get; set; } = 50;

    /// <summary>Sends in flight at once from one dispatcher (each waits its turn at its sender's pace).</summary>
    [Range(1, 256, ErrorMessage = "Outbox:SendConcurrency must be between 1 and 256.")]
    public int SendConcurrency { get; set; } = 8;

    /// <summary>Safety-net poll when no turn signals new rows (another instance wrote them, or a retry came due).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "Outbox:PollInterval must be between 10 ms and 10 minutes.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A claimed row with no Twilio SID after this long is in doubt (no answer, no status callback): it is looked up at
    /// Twilio, and sent again only if Twilio does not have it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00", ErrorMessage = "Outbox:InDoubtAfter must be between 10 seconds and a day.")]
    public TimeSpan InDoubtAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Times a row may be found in doubt; then it is marked failed and the mentor flagged, never sent again.</summary>
    [Range(1, 20, ErrorMessage = "Outbox:MaxInDoubtAttempts must be between 1 and 20.")]
    public int MaxInDoubtAttempts { get; set; } = 3;
}
