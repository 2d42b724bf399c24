using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Reports;

namespace MobilityMentoring.Bot.Api;

/// <summary>Coordinators: the twelve-week report (weeks with too few clients suppressed) and the pseudonymised evaluation export.</summary>
public static class ReportsApi
{
    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Reports").RequireAuthorization(policy => policy.RequireRole(Roles.Coordinator));
        reports.MapGet("/weekly", WeeklyAsync);
        reports.MapGet("/evaluation", EvaluationAsync).Produces<string>(StatusCodes.Status200OK, "text/csv");
        return api;
    }

    private static async Task<Ok<List<ReportWeek>>> WeeklyAsync(ReportQuery reports, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reports.WeeklyAsync(cancellationToken));

    private static async Task<Results<FileContentHttpResult, NotFound, ValidationProblem, ProblemHttpResult>> EvaluationAsync(
        DateOnly? from, DateOnly? to, ClaimsPrincipal user, EvaluationExport export, CancellationToken cancellationToken) =>
        (await export.RunAsync(user, from, to, cancellationToken)).ToHttp(file => TypedResults.File(Encoding.UTF8.GetBytes(file.Csv), "text/csv", file.FileName));
}
