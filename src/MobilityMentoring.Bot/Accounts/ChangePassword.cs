using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Operations;
using MobilityMentoring.Bot.Privacy;

namespace MobilityMentoring.Bot.Accounts;

public sealed record PasswordChange(string? CurrentPassword, string? NewPassword);

/// <summary>
/// A signed-in staff member changes their own password, giving the current one. Identity changes the security stamp
/// with it, so every other session and refresh token of the account ends; the caller renews its own. Audit-logged.
/// </summary>
public sealed class ChangePassword(UserManager<BotUser> users, BotDbContext db, TimeProvider time)
{
    public async Task<Outcome<BotUser>> RunAsync(ClaimsPrincipal me, PasswordChange request, CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(me) is not { } user)
        {
            return Outcome.NotFound<BotUser>();
        }

        if (string.IsNullOrEmpty(request.NewPassword))
        {
            return Outcome.Invalid<BotUser>("newPassword", "Give the new password.");
        }

        var changed = await users.ChangePasswordAsync(user, request.CurrentPassword ?? "", request.NewPassword);
        if (!changed.Succeeded)
        {
            if (changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
            {
                db.AuditEntries.Add(new AuditEntry { At = time.GetUtcNow(), Actor = user.Id, Action = AuditAction.SignInFailed, Subject = $"user:{user.Id}", Detail = "password page, current password wrong" });
                await db.SaveChangesAsync(cancellationToken);
            }

            return Outcome.Invalid<BotUser>(changed.Errors
                .GroupBy(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "currentPassword" : "newPassword")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
        }

        db.AuditEntries.Add(new AuditEntry { At = time.GetUtcNow(), Actor = user.Id, Action = AuditAction.PasswordChange, Subject = $"user:{user.Id}" });
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done(user);
    }
}
