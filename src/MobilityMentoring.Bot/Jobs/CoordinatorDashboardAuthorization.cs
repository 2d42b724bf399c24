using Hangfire.Dashboard;
using MobilityMentoring.Bot.Accounts;

namespace MobilityMentoring.Bot.Jobs;

/// <summary>
/// Replaces Hangfire's default local-requests-only filter: only signed-in coordinators and admins see the dashboard,
/// wherever the request comes from.
/// </summary>
public sealed class CoordinatorDashboardAuthorization : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return user.Identity?.IsAuthenticated == true
            && (user.IsInRole(Roles.Coordinator) || user.IsInRole(Roles.Admin));
    }
}
