using System.Security.Claims;
using MobilityMentoring.Bot.Coaching;

namespace MobilityMentoring.Bot.Accounts;

/// <summary>Who is asking, and which clients they may see: a mentor their own caseload, a coordinator every client.</summary>
public static class StaffUser
{
    public static string Id(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A signed-in user has an id.");

    public static bool SeesAllClients(this ClaimsPrincipal user) => user.IsInRole(Roles.Coordinator);

    /// <summary>The clients <paramref name="user"/> may see. Every client query of the API starts here.</summary>
    /// <remarks>Simulator test clients are seen by the one who made them only.</remarks>
    public static IQueryable<Client> VisibleTo(this IQueryable<Client> clients, ClaimsPrincipal user)
    {
        var me = user.Id();
        return user.SeesAllClients()
            ? clients.Where(c => c.TestOwnerId == null || c.TestOwnerId == me)
            : clients.Where(c => c.MentorId == me || c.TestOwnerId == me);
    }

    /// <summary>
    /// The clients whose own mentor <paramref name="user"/> is: crisis flags, transcripts and messages are health data,
    /// so the client page and its API start here (coordinators included in no exception).
    /// </summary>
    public static IQueryable<Client> OwnedBy(this IQueryable<Client> clients, ClaimsPrincipal user)
    {
        var me = user.Id();
        return clients.Where(c => c.MentorId == me);
    }
}
