using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Operations;

namespace MobilityMentoring.Bot.Coaching.Steps;

/// <summary>Moves a step one place up or down within its goal (the client page).</summary>
public sealed class MoveStep(BotDbContext db)
{
    public async Task<Outcome<Nothing>> RunAsync(ClaimsPrincipal user, int clientId, int stepId, int by, CancellationToken cancellationToken)
    {
        var visible = db.Clients.VisibleTo(user).Select(c => c.Id);
        if (await db.Steps.SingleOrDefaultAsync(s => s.Id == stepId && s.Goal!.ClientId == clientId && visible.Contains(clientId), cancellationToken) is not { } step)
        {
            return Outcome.NotFound<Nothing>();
        }

        var steps = await db.Steps.Where(s => s.GoalId == step.GoalId).OrderBy(s => s.Position).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        var from = steps.IndexOf(step);
        steps.RemoveAt(from);
        steps.Insert(Math.Clamp(from + Math.Sign(by), 0, steps.Count), step);
        for (var i = 0; i < steps.Count; i++)
        {
            steps[i].Position = i;
        }

        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done();
    }
}
