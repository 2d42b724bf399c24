using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.Accounts;

public static class MentorAccounts
{
    /// <summary>Whether <paramref name="userId"/> is an account with the mentor role: only they can have a caseload.</summary>
    public static Task<bool> IsMentorAsync(this BotDbContext db, string userId, CancellationToken cancellationToken) =>
        (from userRole in db.UserRoles
         join role in db.Roles on userRole.RoleId equals role.Id
         where userRole.UserId == userId && role.Name == Roles.Mentor
         select userRole).AnyAsync(cancellationToken);
}
