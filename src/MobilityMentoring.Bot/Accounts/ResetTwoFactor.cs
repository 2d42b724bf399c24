using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Operations;
using MobilityMentoring.Bot.Privacy;

namespace MobilityMentoring.Bot.Accounts;

/// <summary>
/// An admin turns off someone's two-factor sign-in (a lost or new phone): the old key stops working and their sessions
/// end. If their role requires it, they set up a new authenticator at their next sign-in. Audit-logged.
/// </summary>
public sealed class ResetTwoFactor(UserManager<BotUser> users, BotDbContext db, TimeProvider time)
{
    public async Task<Outcome<Nothing>> RunAsync(ClaimsPrincipal admin, string? userId, CancellationToken cancellationToken)
    {
        if (userId is null || await users.FindByIdAsync(userId) is not { } user)
        {
            return Outcome.NotFound<Nothing>();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        db.AuditEntries.Add(new AuditEntry { At = time.GetUtcNow(), Actor = admin.Id(), Action = AuditAction.TwoFactorDisable, Subject = $"user:{user.Id}", Detail = "reset by admin" });
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done();
    }
}
