using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Reminders;

namespace MobilityMentoring.Bot.Api;

/// <summary>A programme's settings: join keyword, rewards, info page.</summary>
public sealed record ProgrammeSettings(int Id, string Name, string? JoinKeyword, int PointsPerStep, int MilestoneEvery, decimal? MilestoneAmount, string? InfoUrl);

/// <summary>Coordinators: programmes, their cadence, and a preview of what a proposed cadence would send.</summary>
public static class ProgrammesApi
{
    public static RouteGroupBuilder MapProgrammesApi(this RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/programmes").WithTags("Programmes").RequireAuthorization(policy => policy.RequireRole(Roles.Coordinator));
        settings.MapGet("/", async (BotDbContext db, CancellationToken ct) => TypedResults.Ok(
            await db.Programmes.AsNoTracking().OrderBy(p => p.Name)
                .Select(p => new ProgrammeSettings(p.Id, p.Name, p.JoinKeyword, p.PointsPerStep, p.MilestoneEvery, p.MilestoneAmount, p.InfoUrl)).ToListAsync(ct)));
        settings.MapPut("/{id:int}", SaveSettingsAsync);

        var programmes = api.MapGroup("/programmes/{id:int}/cadence").WithTags("Cadences")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Coordinator));
        programmes.MapGet("/", GetAsync);
        programmes.MapPut("/", SaveAsync);
        programmes.MapPost("/preview", PreviewAsync);
        return api;
    }

    private static async Task<Results<Ok<ProgrammeSettings>, NotFound, ValidationProblem>> SaveSettingsAsync(
        int id, ProgrammeSettings request, BotDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Programmes.FindAsync([id], cancellationToken) is not { } programme)
        {
            return TypedResults.NotFound();
        }

        var keyword = string.IsNullOrWhiteSpace(request.JoinKeyword) ? null : request.JoinKeyword.Trim().ToUpperInvariant();
        var errors = new Dictionary<string, string[]>();
        if (keyword is not null && (keyword.Length > 32 || !keyword.All(char.IsLetterOrDigit)))
        {
            errors["joinKeyword"] = ["Letters and digits only, at most 32."];
        }
        else if (keyword is not null && await db.Programmes.AnyAsync(p => p.JoinKeyword == keyword && p.Id != id, cancellationToken))
        {
            errors["joinKeyword"] = ["Another programme has this join keyword."];
        }

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
        {
            errors["name"] = ["Between 1 and 200 characters."];
        }

        if (request.PointsPerStep is < 0 or > 1000)
        {
            errors["pointsPerStep"] = ["Between 0 and 1000."];
        }

        if (request.MilestoneEvery is < 0 or > 10_000)
        {
            errors["milestoneEvery"] = ["Between 0 and 10000."];
        }

        if (request.MilestoneAmount is < 0 or > 1000)
        {
            errors["milestoneAmount"] = ["Between 0 and 1000 euro."];
        }

        if (request.InfoUrl is { Length: > 0 } url && (url.Length > 32 || !Uri.TryCreate(url, UriKind.Absolute, out _)))
        {
            errors["infoUrl"] = ["An absolute web address of at most 32 characters (it goes into one SMS)."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        (programme.Name, programme.JoinKeyword, programme.PointsPerStep, programme.MilestoneEvery, programme.MilestoneAmount, programme.InfoUrl) =
            (request.Name!.Trim(), keyword, request.PointsPerStep, request.MilestoneEvery, request.MilestoneAmount, string.IsNullOrEmpty(request.InfoUrl) ? null : request.InfoUrl);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(request with { Id = id, JoinKeyword = keyword });
    }

    private static async Task<Results<Ok<CadenceChange>, NotFound>> GetAsync(int id, BotDbContext db, CancellationToken cancellationToken) =>
        await db.Programmes.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) is { } programme
            ? TypedResults.Ok(CadenceChange.From(programme.Cadence, programme.TimeZone))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<CadenceChange>, NotFound, ValidationProblem, ProblemHttpResult>> SaveAsync(
        int id, CadenceChange request, ChangeCadence change, CancellationToken cancellationToken) =>
        (await change.SaveAsync(id, request, cancellationToken)).ToHttp(saved => TypedResults.Ok(CadenceChange.From(saved.Cadence, saved.TimeZone)));

    private static async Task<Results<Ok<CadencePreviewResult>, NotFound, ValidationProblem, ProblemHttpResult>> PreviewAsync(
        int id, CadenceChange request, ChangeCadence change, CadencePreview preview, CancellationToken cancellationToken)
    {
        var outcome = await change.CheckAsync(id, request, cancellationToken);
        var result = outcome.Value is { } checkedCadence ? await preview.ComputeAsync(id, checkedCadence.Cadence, checkedCadence.TimeZone, cancellationToken) : null;
        return outcome.As(result).ToHttp(TypedResults.Ok);
    }
}
