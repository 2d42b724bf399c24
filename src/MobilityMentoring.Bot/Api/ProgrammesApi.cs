using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Reminders;

namespace MobilityMentoring.Bot.Api;

/// <summary>A cadence as the API shows and takes it; a field left out keeps its current value.</summary>
public sealed record CadenceDto(
    string? TimeZone, DayOfWeek[]? Days, TimeOnly? WindowStart, TimeOnly? WindowEnd, TimeOnly? QuietFrom, TimeOnly? QuietUntil,
    TimeOnly? HardTopicsUntil, int? FollowUpAfterHours, int? FollowUps, int? MaxPerWeek, int? MaxPerDay, int? MaxPerStep,
    int? UnreachableAfterDays, int? UnreachableNudgeEveryDays)
{
    public static CadenceDto From(Cadence c, string timeZone) => new(timeZone, [.. c.Days], c.WindowStart, c.WindowEnd, c.QuietFrom, c.QuietUntil,
        c.HardTopicsUntil, (int)c.FollowUpAfter.TotalHours, c.FollowUps, c.MaxPerWeek, c.MaxPerDay, c.MaxPerStep,
        c.UnreachableAfterDays, c.UnreachableNudgeEveryDays);

    /// <summary>The current cadence with this one's fields laid over it.</summary>
    public Cadence ApplyTo(Cadence current) => new()
    {
        DaysMask = Days is null ? current.DaysMask : new Cadence { Days = Days }.DaysMask,
        WindowStart = WindowStart ?? current.WindowStart,
        WindowEnd = WindowEnd ?? current.WindowEnd,
        QuietFrom = QuietFrom ?? current.QuietFrom,
        QuietUntil = QuietUntil ?? current.QuietUntil,
        HardTopicsUntil = HardTopicsUntil ?? current.HardTopicsUntil,
        FollowUpAfter = FollowUpAfterHours is { } hours ? TimeSpan.FromHours(hours) : current.FollowUpAfter,
        FollowUps = FollowUps ?? current.FollowUps,
        MaxPerWeek = MaxPerWeek ?? current.MaxPerWeek,
        MaxPerDay = MaxPerDay ?? current.MaxPerDay,
        MaxPerStep = MaxPerStep ?? current.MaxPerStep,
        UnreachableAfterDays = UnreachableAfterDays ?? current.UnreachableAfterDays,
        UnreachableNudgeEveryDays = UnreachableNudgeEveryDays ?? current.UnreachableNudgeEveryDays,
    };
}

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

    private static async Task<Results<Ok<CadenceDto>, NotFound>> GetAsync(int id, BotDbContext db, CancellationToken cancellationToken) =>
        await db.Programmes.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) is { } programme
            ? TypedResults.Ok(CadenceDto.From(programme.Cadence, programme.TimeZone))
            : TypedResults.NotFound();

    /// <summary>Saves the cadence and asks the planner to look at every client of the programme again.</summary>
    private static async Task<Results<Ok<CadenceDto>, NotFound, ValidationProblem>> SaveAsync(
        int id, CadenceDto request, BotDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var programme = await db.Programmes.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (programme is null)
        {
            return TypedResults.NotFound();
        }

        var (cadence, zone, errors) = Validate(request, programme.Cadence, programme.TimeZone);
        if (errors is not null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var oldZone = programme.TimeZone;
        programme.Cadence = cadence!;
        programme.TimeZone = zone!;
        await db.SaveChangesAsync(cancellationToken);
        var now = time.GetUtcNow();
        await db.Clients.Where(c => c.ProgrammeId == id && c.TimeZone == oldZone)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.TimeZone, zone), cancellationToken);
        await db.Clients.Where(c => c.ProgrammeId == id && c.ConsentAt != null && c.OptedOutAt == null && c.ClosedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.NextContactAt, now), cancellationToken);
        return TypedResults.Ok(CadenceDto.From(cadence!, zone!));
    }

    private static async Task<Results<Ok<CadencePreviewResult>, NotFound, ValidationProblem>> PreviewAsync(
        int id, CadenceDto request, BotDbContext db, CadencePreview preview, CancellationToken cancellationToken)
    {
        var programme = await db.Programmes.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (programme is null)
        {
            return TypedResults.NotFound();
        }

        var (cadence, zone, errors) = Validate(request, programme.Cadence, programme.TimeZone);
        return errors is not null
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(await preview.ComputeAsync(id, cadence!, zone!, cancellationToken));
    }

    internal static (Cadence? Cadence, string? Zone, Dictionary<string, string[]>? Errors) Validate(CadenceDto request, Cadence current, string currentZone)
    {
        var cadence = request.ApplyTo(current);
        var errors = cadence.Validate();
        var zone = request.TimeZone ?? currentZone;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            errors["timeZone"] = ["Use an IANA time zone, e.g. Europe/Amsterdam."];
        }

        return errors.Count > 0 ? (null, null, errors) : (cadence, zone, null);
    }
}
