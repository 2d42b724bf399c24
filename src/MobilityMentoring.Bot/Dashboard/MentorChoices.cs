using Microsoft.AspNetCore.Identity;
using MobilityMentoring.Bot.Accounts;

namespace MobilityMentoring.Bot.Dashboard;

public static class MentorChoices
{
    /// <summary>The mentor accounts, by first name, for a coordinator's select list.</summary>
    public static async Task<IReadOnlyList<(string Id, string Name)>> ForAsync(UserManager<BotUser> users) =>
        [.. (await users.GetUsersInRoleAsync(Roles.Mentor)).OrderBy(m => m.FirstName).Select(m => (m.Id, m.FirstName ?? m.Email ?? m.Id))];
}
