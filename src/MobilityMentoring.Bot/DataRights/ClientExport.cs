using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;

namespace MobilityMentoring.Bot.DataRights;

/// <summary>
/// Everything the service holds about one client (AVG art. 15 and 20), as one JSON document: who they are to the bot,
/// their consent answers, every message both ways, goals and steps, check-ins, rewards, flags, summaries, and who on
/// the staff read or changed their data, and when.
/// </summary>
public sealed record ClientExport(
    DateTimeOffset ExportedAt,
    ExportedClient Client,
    IReadOnlyList<ExportedConsent> Consents,
    IReadOnlyList<ExportedMessage> Messages,
    IReadOnlyList<ExportedGoal> Goals,
    IReadOnlyList<ExportedCheckIn> CheckIns,
    IReadOnlyList<ExportedReward> Rewards,
    IReadOnlyList<ExportedFlag> Flags,
    IReadOnlyList<ExportedSummary> Summaries,
    IReadOnlyList<ExportedAccess> Access);

public sealed record ExportedClient(
    int Id, string? FirstName, string Phone, Channel Channel, string Language, string TimeZone, string Programme, string? Mentor,
    DateTimeOffset CreatedAt, DateTimeOffset? ConsentAt, DateTimeOffset? OptedOutAt, DateTimeOffset? PausedUntil, TimeOnly? PreferredTime,
    DateTimeOffset? ClosedAt, string? CloseReason);

public sealed record ExportedConsent(DateTimeOffset At, ConsentAnswer Answer, string Question, string Language, string InfoVersion, string? InfoUrl, Channel Channel, long? MessageId);

public sealed record ExportedMessage(long Id, DateTimeOffset At, MessageDirection Direction, Channel Channel, MessageOrigin Origin, string Body, MessageStatus Status);

public sealed record ExportedGoal(int Id, BridgePillar Pillar, string Title, GoalStatus Status, DateTimeOffset CreatedAt, IReadOnlyList<ExportedStep> Steps);

public sealed record ExportedStep(int Id, string Text, DateOnly? DueDate, DayPart? DuePart, StepStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, DateTimeOffset? VerifiedAt);

public sealed record ExportedCheckIn(int StepId, DateTimeOffset PlannedAt, DateTimeOffset? SentAt, DateTimeOffset? AnsweredAt, CheckInOutcome? Outcome);

public sealed record ExportedReward(RewardKind Kind, int Points, decimal? Amount, string Reason, DateTimeOffset CreatedAt, DateTimeOffset? ApprovedAt);

public sealed record ExportedFlag(FlagKind Kind, string? Note, DateTimeOffset RaisedAt, DateTimeOffset? HandledAt);

public sealed record ExportedSummary(DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, string Text);

/// <summary>One audit entry about the client: what was done (the dotted action name), by whom (a first name, or the system), when.</summary>
public sealed record ExportedAccess(DateTimeOffset At, string Action, string By, string? Detail);
