using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.Accounts;

/// <summary>
/// Which roles must sign in with an authenticator code. Kept as a role claim (AspNetRoleClaims), so no table of its own;
/// an admin sets it on the users page (<see cref="RequireTwoFactor"/>).
/// </summary>
public sealed class TwoFactorPolicy(BotDbContext db)
{
    public const string RequiredClaim = "mmb:require-2fa";

    /// <summary>The claim Identity gives a sign-in that passed the code step ("mfa" in "amr").</summary>
    public const string MethodClaim = "amr";
    public const string WithSecondFactor = "mfa";

    public async Task<IReadOnlyList<string>> RolesRequiringAsync(CancellationToken cancellationToken) =>
        await (from claim in db.RoleClaims
               join role in db.Roles on claim.RoleId equals role.Id
               where claim.ClaimType == RequiredClaim
               select role.Name!).Distinct().OrderBy(name => name).ToListAsync(cancellationToken);

    /// <summary>Whether one of <paramref name="user"/>'s roles requires the second factor.</summary>
    public async Task<bool> RequiredForAsync(BotUser user, CancellationToken cancellationToken) =>
        await (from claim in db.RoleClaims
               join userRole in db.UserRoles on claim.RoleId equals userRole.RoleId
               where claim.ClaimType == RequiredClaim && userRole.UserId == user.Id
               select claim).AnyAsync(cancellationToken);

    /// <summary>
    /// Whether this signed-in session still owes the second factor: one of its roles requires it and it was not
    /// signed in with a code (nor had one confirmed since).
    /// </summary>
    public async Task<bool> OwedByAsync(ClaimsPrincipal session, CancellationToken cancellationToken)
    {
        if (session.HasClaim(MethodClaim, WithSecondFactor))
        {
            return false;
        }

        var roles = session.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        return roles.Count > 0 && (await RolesRequiringAsync(cancellationToken)).Intersect(roles, StringComparer.Ordinal).Any();
    }
}
