using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Operations;

namespace MobilityMentoring.Bot.Coaching.Steps;

public sealed record StepChange(string? Text, DateOnly? DueDate, DayPart? DuePart);

/// <summary>
/// Changes a planned step's words, day or part of the day (the client page and <c>PUT /api/clients/{id}/steps/{stepId}</c>;
/// what is left out stays). Only a step that is still planned: a done or dropped one is history. The planner plans
/// its check-in again.
/// </summary>
public sealed class EditStep(BotDbContext db, TimeProvider time)
{
    public async Task<Outcome<Step>> RunAsync(ClaimsPrincipal user, int clientId, int stepId, StepChange change, CancellationToken cancellationToken)
    {
        var client = await db.Clients.VisibleTo(user).SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken);
        if (client is null || await db.Steps.SingleOrDefaultAsync(s => s.Id == stepId && s.Goal!.ClientId == clientId, cancellationToken) is not { } step)
        {
            return Outcome.NotFound<Step>();
        }

        if (step.Status != StepStatus.Active)
        {
            return Outcome.Conflict<Step>("Only a planned step can be changed; this one is done or dropped.");
        }

        var now = time.GetUtcNow();
        if (StepRules.Problem(change.Text, change.DueDate, change.DuePart, client.Today(now), partial: true) is var (field, problem))
        {
            return Outcome.Invalid<Step>(field, problem);
        }

        step.Text = change.Text?.Trim() ?? step.Text;
        step.DueDate = change.DueDate ?? step.DueDate;
        step.DuePart = change.DuePart ?? step.DuePart;
        client.NextContactAt = now; // a new day means a new check-in moment
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done(step);
    }
}
