using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.DataRights;

namespace MobilityMentoring.Bot.Api;

/// <summary>
/// A client's AVG rights for scripts: the export (own mentor; an admin for a written request, with <c>reason</c>) and
/// erasure (coordinators, with <c>reason</c>).
/// Its own group, since an admin is neither mentor nor coordinator.
/// </summary>
public sealed record EraseRequest(string? Reason);

public static class DataRightsApi
{
    public static IEndpointRouteBuilder MapDataRightsApi(this IEndpointRouteBuilder app)
    {
        var client = app.MapGroup("/api/clients/{id:int}").WithTags("Data rights")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Mentor, Roles.Coordinator, Roles.Admin))
            .DisableAntiforgery().AddEndpointFilter<CookieForgeryFilter>();
        client.MapGet("/export", ExportAsync);
        client.MapPost("/erase", EraseAsync).RequireAuthorization(policy => policy.RequireRole(Roles.Coordinator));
        return app;
    }

    private static async Task<Results<Ok<ErasureReport>, NotFound, ValidationProblem, ProblemHttpResult>> EraseAsync(
        int id, EraseRequest request, ClaimsPrincipal user, EraseClient erase, CancellationToken cancellationToken) =>
        (await erase.RunAsync(user, id, request.Reason, cancellationToken)).ToHttp(TypedResults.Ok);

    /// <summary>One JSON file, downloaded: everything about the client (see <see cref="ClientExport"/>).</summary>
    private static async Task<Results<FileContentHttpResult, NotFound, ValidationProblem, ProblemHttpResult>> ExportAsync(
        int id, string? reason, ClaimsPrincipal user, ExportClient export, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        CancellationToken cancellationToken) =>
        (await export.RunAsync(user, id, reason, "api", cancellationToken)).ToHttp(data => TypedResults.File(
            JsonSerializer.SerializeToUtf8Bytes(data, json.Value.SerializerOptions), "application/json", $"client-{id}-export.json"));
}
