using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Operations;
using MobilityMentoring.Bot.Privacy;

namespace MobilityMentoring.Bot.Accounts;

/// <summary>
/// An admin locks an account (it can no longer sign in, and its open sessions and tokens end on their next request) or
/// unlocks it; never their own. Audit-logged.
/// </summary>
public sealed class LockAccount(UserManager<BotUser> users, BotDbContext db, TimeProvider time)
{
    public async Task<Outcome<Nothing>> RunAsync(ClaimsPrincipal admin, string userId, bool locked, CancellationToken cancellationToken)
    {
        if (userId == admin.Id())
        {
            return Outcome.Conflict<Nothing>("You cannot lock your own account.");
        }

        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return Outcome.NotFound<Nothing>();
        }

        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        if (locked)
        {
            await users.UpdateSecurityStampAsync(user); // ends their cookie and their tokens on the next request
        }

        db.AuditEntries.Add(new AuditEntry { At = time.GetUtcNow(), Actor = admin.Id(), Action = locked ? AuditAction.UserLock : AuditAction.UserUnlock, Subject = $"user:{userId}" });
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done();
    }
}
