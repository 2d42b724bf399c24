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

/// <summary>Coordinators: a programme's cadence, and a preview of what a proposed cadence would send.</summary>
public static class ProgrammesApi
{
    public static RouteGroupBuilder MapProgrammesApi(this RouteGroupBuilder api)
    {
        var programmes = api.MapGroup("/programmes/{id:int}/cadence").WithTags("Cadences")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Coordinator));
        programmes.MapGet("/", GetAsync);
        programmes.MapPut("/", SaveAsync);
        programmes.MapPost("/preview", PreviewAsync);
        return api;
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
