using System.ComponentModel.DataAnnotations;

namespace MobilityMentoring.Bot.Jobs;

/// <summary>Hangfire: where its tables live, how many workers run here, and the housekeeping schedule.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>PostgreSQL schema for Hangfire's tables (only with ConnectionStrings:Postgres).</summary>
    [RegularExpression("^[a-z_][a-z0-9_]*$", ErrorMessage = "Jobs:SchemaName must be a lower-case SQL identifier.")]
    public string SchemaName { get; set; } = "hangfire";

    [Range(1, 64, ErrorMessage = "Jobs:WorkerCount must be between 1 and 64.")]
    public int WorkerCount { get; set; } = 4;

    /// <summary>How often idle workers look for queued jobs. Client replies never wait on this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "Jobs:QueuePollInterval must be between 00:00:01 and 00:05:00.")]
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Cron expression (local time of <see cref="TimeZone"/>) for nightly housekeeping.</summary>
    public string HousekeepingCron { get; set; } = "30 3 * * *";

    public string TimeZone { get; set; } = "Europe/Amsterdam";
}
