namespace MobilityMentoring.Bot.Coaching;

/// <summary>The five pillars of EMPath's Bridge to Self-Sufficiency.</summary>
public enum BridgePillar
{
    FamilyStability = 1,
    WellBeing = 2,
    FinancialManagement = 3,
    EducationAndTraining = 4,
    EmploymentAndCareer = 5,
}

public enum GoalStatus { Active, Achieved, Dropped }

/// <summary>A goal the client chose on one Bridge pillar, in the client's own words.</summary>
public sealed class Goal
{
    public int Id { get; set; }
    public int ClientId { get; set; }
    public Client? Client { get; set; }
    public BridgePillar Pillar { get; set; }
    public required string Title { get; set; }
    public GoalStatus Status { get; set; } = GoalStatus.Active;
    public DateTimeOffset CreatedAt { get; set; }

    public List<Step> Steps { get; } = [];
}
