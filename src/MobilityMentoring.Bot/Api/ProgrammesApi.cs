using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using System.Security.Claims;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Coaching.Programmes;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Reminders;

namespace MobilityMentoring.Bot.Api;

/// <summary>A programme's settings: join keyword, rewards, info page and the version of it clients agree to.</summary>
public sealed record ProgrammeSettings(
    int Id, string? Name, string? JoinKeyword, int PointsPerStep, int MilestoneEvery, decimal? MilestoneAmount, string? InfoUrl, string? InfoVersion = null);

/// <summary>Coordinators: programmes, their cadence, and a preview of what a proposed cadence would send.</summary>
public static class ProgrammesApi
{
    public static RouteGroupBuilder MapProgrammesApi(this RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/programmes").WithTags("Programmes").RequireAuthorization(policy => policy.RequireRole(Roles.Coordinator));
        settings.MapGet("/", async (BotDbContext db, CancellationToken ct) => TypedResults.Ok(
            await db.Programmes.AsNoTracking().OrderBy(p => p.Name)
                .Select(p => new ProgrammeSettings(p.Id, p.Name, p.JoinKeyword, p.PointsPerStep, p.MilestoneEvery, p.MilestoneAmount, p.InfoUrl, p.InfoVersion)).ToListAsync(ct)));
        settings.MapPost("/", CreateAsync);
        settings.MapPut("/{id:int}", SaveSettingsAsync);

        var programmes = api.MapGroup("/programmes/{id:int}/cadence").WithTags("Cadences")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Coordinator));
        programmes.MapGet("/", GetAsync);
        programmes.MapPut("/", SaveAsync);
        programmes.MapPost("/preview", PreviewAsync);
        return api;
    }

    private static async Task<Results<Created<ProgrammeSettings>, NotFound, ValidationProblem, ProblemHttpResult>> CreateAsync(
        NewProgramme request, ClaimsPrincipal user, CreateProgramme create, CancellationToken cancellationToken) =>
        (await create.RunAsync(user, request, cancellationToken)).ToHttp(p => TypedResults.Created($"/api/programmes/{p.Id}", AsSettings(p)));

    private static async Task<Results<Ok<ProgrammeSettings>, NotFound, ValidationProblem, ProblemHttpResult>> SaveSettingsAsync(
        int id, ProgrammeSettings request, ClaimsPrincipal user, ChangeProgrammeSettings change, CancellationToken cancellationToken) =>
        (await change.RunAsync(user, id, new ProgrammeChange(
                request.Name, request.JoinKeyword, request.PointsPerStep, request.MilestoneEvery, request.MilestoneAmount, request.InfoUrl, request.InfoVersion), cancellationToken))
            .ToHttp(p => TypedResults.Ok(AsSettings(p)));

    private static ProgrammeSettings AsSettings(Programme p) =>
        new(p.Id, p.Name, p.JoinKeyword, p.PointsPerStep, p.MilestoneEvery, p.MilestoneAmount, p.InfoUrl, p.InfoVersion);

    private static async Task<Results<Ok<CadenceChange>, NotFound>> GetAsync(int id, BotDbContext db, CancellationToken cancellationToken) =>
        await db.Programmes.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) is { } programme
            ? TypedResults.Ok(CadenceChange.From(programme.Cadence, programme.TimeZone))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<CadenceChange>, NotFound, ValidationProblem, ProblemHttpResult>> SaveAsync(
        int id, CadenceChange request, ClaimsPrincipal user, ChangeCadence change, CancellationToken cancellationToken) =>
        (await change.SaveAsync(user, id, request, cancellationToken)).ToHttp(saved => TypedResults.Ok(CadenceChange.From(saved.Cadence, saved.TimeZone)));

    private static async Task<Results<Ok<CadencePreviewResult>, NotFound, ValidationProblem, ProblemHttpResult>> PreviewAsync(
        int id, CadenceChange request, ChangeCadence change, CadencePreview preview, CancellationToken cancellationToken)
    {
        var outcome = await change.CheckAsync(id, request, cancellationToken);
        var result = outcome.Value is { } checkedCadence ? await preview.ComputeAsync(id, checkedCadence.Cadence, checkedCadence.TimeZone, cancellationToken) : null;
        return outcome.As(result).ToHttp(TypedResults.Ok);
    }
}
