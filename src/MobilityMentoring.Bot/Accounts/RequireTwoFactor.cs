using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Operations;
using MobilityMentoring.Bot.Privacy;

namespace MobilityMentoring.Bot.Accounts;

/// <summary>
/// An admin requires (or no longer requires) an authenticator code for everyone in a role. Someone in that role who has
/// none set up is sent to set it up at their next request, and can do nothing else until it is done. Audit-logged.
/// </summary>
public sealed class RequireTwoFactor(RoleManager<IdentityRole> roles, BotDbContext db, TimeProvider time)
{
    public async Task<Outcome<Nothing>> RunAsync(ClaimsPrincipal admin, string? roleName, bool required, CancellationToken cancellationToken)
    {
        if (roleName is null || !Roles.All.Contains(roleName) || await roles.FindByNameAsync(roleName) is not { } role)
        {
            return Outcome.Invalid<Nothing>("role", "Mentor, Coordinator or Admin.");
        }

        var claims = (await roles.GetClaimsAsync(role)).Where(c => c.Type == TwoFactorPolicy.RequiredClaim).ToList();
        if (required == claims.Count > 0)
        {
            return Outcome.Done();
        }

        var changed = required
            ? await roles.AddClaimAsync(role, new Claim(TwoFactorPolicy.RequiredClaim, "true"))
            : await RemoveAllAsync(role, claims);
        if (!changed.Succeeded)
        {
            return Outcome.Conflict<Nothing>(string.Join(" ", changed.Errors.Select(e => e.Description)));
        }

        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow(), Actor = admin.Id(), Action = AuditAction.TwoFactorPolicyChange, Subject = $"role:{roleName}",
            Detail = required ? "required" : "optional",
        });
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done();
    }

    private async Task<IdentityResult> RemoveAllAsync(IdentityRole role, List<Claim> claims)
    {
        foreach (var claim in claims)
        {
            if (await roles.RemoveClaimAsync(role, claim) is { Succeeded: false } failed)
            {
                return failed;
            }
        }

        return IdentityResult.Success;
    }
}
