using System.ComponentModel.DataAnnotations;

namespace MobilityMentoring.Bot.Reminders;

/// <summary>How the planner works through clients who are due.</summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>Run the planner every minute. Off only for tests that drive it themselves.</summary>
    public bool PlannerEnabled { get; set; } = true;

    /// <summary>Clients read per query.</summary>
    [Range(1, 10_000, ErrorMessage = "Reminders:BatchSize must be between 1 and 10000.")]
    public int BatchSize { get; set; } = 500;

    /// <summary>Clients whose turns share one transaction.</summary>
    [Range(1, 1_000, ErrorMessage = "Reminders:TurnBatchSize must be between 1 and 1000.")]
    public int TurnBatchSize { get; set; } = 100;

    /// <summary>
    /// Transactions of clients side by side. Two keep two cores busy while the outbox still gets its share: with
    /// four, 100,000 check-ins were written sooner but reached Twilio later (see the reminders benchmark).
    /// </summary>
    [Range(1, 64, ErrorMessage = "Reminders:Concurrency must be between 1 and 64.")]
    public int Concurrency { get; set; } = 2;

    /// <summary>A client whose turn failed is tried again after this long, so one broken client never holds up the rest.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00", ErrorMessage = "Reminders:RetryFailedAfter must be between 00:00:10 and 1.00:00:00.")]
    public TimeSpan RetryFailedAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A client whose planning failed this many times in a row is parked: the planner skips them, and their mentor gets
    /// a flag; marking it handled resumes check-ins.
    /// </summary>
    [Range(1, 100, ErrorMessage = "Reminders:ParkAfterFailures must be between 1 and 100.")]
    public int ParkAfterFailures { get; set; } = 3;
}
