using Microsoft.AspNetCore.Http.HttpResults;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Reports;

namespace MobilityMentoring.Bot.Api;

/// <summary>Coordinators: the twelve-week report (weeks with too few clients suppressed).</summary>
public static class ReportsApi
{
    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Reports").RequireAuthorization(policy => policy.RequireRole(Roles.Coordinator));
        reports.MapGet("/weekly", WeeklyAsync);
        return api;
    }

    private static async Task<Ok<List<ReportWeek>>> WeeklyAsync(ReportQuery reports, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reports.WeeklyAsync(cancellationToken));
}
