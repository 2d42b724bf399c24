using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.Dialogs;

/// <summary>How steps and their days are put into words, and the client's current goal and step.</summary>
public sealed class StepWording(DialogContent content)
{
    /// <summary>"vrijdag 27 november in de middag".</summary>
    public string When(DateOnly date, DayPart? part, string? language)
    {
        var day = ClientClock.FormatDay(date, language);
        return part is { } p ? $"{day} {content.Render(language, PartKey(p))}" : day;
    }

    public string Example(BridgePillar? pillar, string? language) =>
        content.Render(language, $"example.{(int)(pillar ?? BridgePillar.FinancialManagement)}");

    public static string PartKey(DayPart part) => part switch
    {
        DayPart.Morning => "part.morning",
        DayPart.Afternoon => "part.afternoon",
        _ => "part.evening",
    };

    public static DayPart? PartOf(string? intent) => intent switch
    {
        "morning" => DayPart.Morning,
        "afternoon" => DayPart.Afternoon,
        "evening" => DayPart.Evening,
        _ => null,
    };

    public static Task<Goal?> ActiveGoalAsync(BotDbContext db, int clientId, CancellationToken cancellationToken) =>
        db.Goals.Where(g => g.ClientId == clientId && g.Status == GoalStatus.Active)
            .OrderByDescending(g => g.CreatedAt).ThenByDescending(g => g.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The active step due first: the one check-ins and STAP are about.</summary>
    public static Task<Step?> CurrentStepAsync(BotDbContext db, int clientId, CancellationToken cancellationToken) =>
        db.Steps.Include(s => s.Goal)
            .Where(s => s.Goal!.ClientId == clientId && s.Status == StepStatus.Active)
            .OrderBy(s => s.DueDate).ThenBy(s => s.Id).FirstOrDefaultAsync(cancellationToken);
}
