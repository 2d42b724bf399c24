using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Operations;
using MobilityMentoring.Bot.Privacy;

namespace MobilityMentoring.Bot.Accounts;

/// <summary>
/// An admin gives an account another role (never their own). The person's open sessions end: what they may see has
/// changed, so they sign in again. Audit-logged with the old and new role.
/// </summary>
public sealed class ChangeRole(UserManager<BotUser> users, BotDbContext db, TimeProvider time)
{
    public async Task<Outcome<Nothing>> RunAsync(ClaimsPrincipal admin, string userId, string? role, CancellationToken cancellationToken)
    {
        if (role is not (Roles.Mentor or Roles.Coordinator or Roles.Admin))
        {
            return Outcome.Invalid<Nothing>("role", "Mentor, Coordinator or Admin.");
        }

        if (userId == admin.Id())
        {
            return Outcome.Conflict<Nothing>("You cannot change your own role.");
        }

        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return Outcome.NotFound<Nothing>();
        }

        // Old roles out, the new one in and the stamp changed together, or not at all: never an account without a role.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var before = await users.GetRolesAsync(user);
        AccountSeeder.Check(await users.RemoveFromRolesAsync(user, before), "the old roles");
        AccountSeeder.Check(await users.AddToRoleAsync(user, role), "the new role");
        AccountSeeder.Check(await users.UpdateSecurityStampAsync(user), "a new security stamp");
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow(), Actor = admin.Id(), Action = AuditAction.RoleChange, Subject = $"user:{userId}",
            Detail = $"{string.Join("+", before.Order())} -> {role}",
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome.Done();
    }
}
