using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Operations;
using MobilityMentoring.Bot.Privacy;

namespace MobilityMentoring.Bot.Coaching.Steps;

/// <summary>The mentor saw proof that a done step really happened (the client page); audit-logged.</summary>
public sealed class VerifyStep(BotDbContext db, TimeProvider time)
{
    public async Task<Outcome<Nothing>> RunAsync(ClaimsPrincipal user, int clientId, int stepId, CancellationToken cancellationToken)
    {
        var visible = db.Clients.VisibleTo(user).Select(c => c.Id);
        if (await db.Steps.SingleOrDefaultAsync(s => s.Id == stepId && s.Goal!.ClientId == clientId && visible.Contains(clientId), cancellationToken) is not { } step)
        {
            return Outcome.NotFound<Nothing>();
        }

        if (step.Status != StepStatus.Done || step.VerifiedAt is not null)
        {
            return Outcome.Conflict<Nothing>("Only a done step that is not verified yet can be verified.");
        }

        var now = time.GetUtcNow();
        step.VerifiedAt = now;
        db.AuditEntries.Add(new AuditEntry { At = now, Actor = user.Id(), Action = AuditAction.StepVerify, Subject = $"client:{clientId}", Detail = $"step:{stepId}" });
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done();
    }
}
