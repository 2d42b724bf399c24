using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Operations;
using MobilityMentoring.Bot.Privacy;

namespace MobilityMentoring.Bot.Accounts;

public sealed record NewAccount(string? Email, string? FirstName, string? Role, string? Password);

/// <summary>
/// An admin makes an account for a mentor, coordinator or admin (the users page and <c>POST /api/users</c>); nobody
/// registers themselves. The account and its role are made together or not at all, and the audit log says who made it.
/// </summary>
public sealed class CreateAccount(UserManager<BotUser> users, BotDbContext db, TimeProvider time)
{
    public async Task<Outcome<BotUser>> RunAsync(ClaimsPrincipal admin, NewAccount request, CancellationToken cancellationToken)
    {
        if (request.Role is not (Roles.Mentor or Roles.Coordinator or Roles.Admin))
        {
            return Outcome.Invalid<BotUser>("role", "Mentor, Coordinator or Admin.");
        }

        if (string.IsNullOrWhiteSpace(request.Email))
        {
            return Outcome.Invalid<BotUser>("email", "Give the e-mail address the person signs in with.");
        }

        var user = new BotUser { UserName = request.Email.Trim(), Email = request.Email.Trim(), FirstName = request.FirstName?.Trim(), LockoutEnabled = true };
        var created = await users.CreateAsync(user, request.Password ?? "");
        if (!created.Succeeded)
        {
            return Outcome.Invalid<BotUser>(created.Errors.GroupBy(e => e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "email")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
        }

        var role = await users.AddToRoleAsync(user, request.Role);
        if (!role.Succeeded)
        {
            await users.DeleteAsync(user); // an account without its role would sign in to nothing
            return Outcome.Invalid<BotUser>("role", string.Join(" ", role.Errors.Select(e => e.Description)));
        }

        db.AuditEntries.Add(new AuditEntry { At = time.GetUtcNow(), Actor = admin.Id(), Action = AuditAction.UserCreate, Subject = $"user:{user.Id}", Detail = request.Role });
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done(user);
    }
}
