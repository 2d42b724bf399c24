using System.Security.Claims;

namespace MobilityMentoring.Bot.Tests.Infrastructure;

/// <summary>A signed-in staff member as the use cases see one, for tests that call them directly.</summary>
public static class StaffPrincipal
{
    public static ClaimsPrincipal For(string userId, string role = MobilityMentoring.Bot.Accounts.Roles.Mentor) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Role, role)], "test"));
}
