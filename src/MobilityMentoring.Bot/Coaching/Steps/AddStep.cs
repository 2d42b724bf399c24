using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Dialogs;
using MobilityMentoring.Bot.Operations;

namespace MobilityMentoring.Bot.Coaching.Steps;

public sealed record NewStep(string? Text, DateOnly? DueDate, DayPart? DuePart, int? GoalId, bool NeedsVerification);

/// <summary>
/// A step agreed in a meeting (the client page and <c>POST /api/clients/{id}/steps</c>), on the goal named or the
/// client's current one: words, a day from today on and a part of the day. The planner plans its check-in.
/// </summary>
public sealed class AddStep(BotDbContext db, TimeProvider time)
{
    public async Task<Outcome<Step>> RunAsync(ClaimsPrincipal user, int clientId, NewStep request, CancellationToken cancellationToken)
    {
        if (await db.Clients.VisibleTo(user).SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken) is not { } client)
        {
            return Outcome.NotFound<Step>();
        }

        var now = time.GetUtcNow();
        if (StepRules.Problem(request.Text, request.DueDate, request.DuePart, client.Today(now)) is var (field, problem))
        {
            return Outcome.Invalid<Step>(field, problem);
        }

        var goals = db.Goals.Where(g => g.ClientId == client.Id && g.Status == GoalStatus.Active);
        var goal = request.GoalId is { } goalId
            ? await goals.SingleOrDefaultAsync(g => g.Id == goalId, cancellationToken)
            : await StepWording.ActiveGoalAsync(db, client.Id, cancellationToken);
        if (goal is null)
        {
            return Outcome.Invalid<Step>("goalId", "The client has no such active goal.");
        }

        var step = new Step
        {
            GoalId = goal.Id, Text = request.Text!.Trim(), DueDate = request.DueDate, DuePart = request.DuePart, Status = StepStatus.Active,
            NeedsVerification = request.NeedsVerification, CreatedAt = now,
            Position = await db.Steps.CountAsync(s => s.GoalId == goal.Id, cancellationToken),
        };
        db.Steps.Add(step);
        client.NextContactAt = now; // the planner plans the check-in for the new step
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done(step);
    }
}

/// <summary>What a step staff write must have: 1 to 500 characters, a day from today on, a part of the day.</summary>
public static class StepRules
{
    public const int MaxTextLength = 500;

    /// <summary>The field that is wrong and why, or null. A value left out (null) is not checked when <paramref name="partial"/>.</summary>
    public static (string Field, string Problem)? Problem(string? text, DateOnly? dueDate, DayPart? duePart, DateOnly today, bool partial = false)
    {
        if ((!partial || text is not null) && (string.IsNullOrWhiteSpace(text) || text.Trim().Length > MaxTextLength))
        {
            return ("text", $"Write the step in 1 to {MaxTextLength} characters.");
        }

        if ((!partial || dueDate is not null) && (dueDate is not { } due || due < today))
        {
            return ("dueDate", "Give the day of the step: today or later.");
        }

        return !partial && duePart is null ? ("duePart", "Give the part of the day: Morning, Afternoon or Evening.") : null;
    }
}
