using System.Security.Claims;
using System.Text.Json;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Privacy;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Operations;

namespace MobilityMentoring.Bot.Reminders;

/// <summary>A cadence as staff change it; a field left out keeps its current value.</summary>
public sealed record CadenceChange(
    string? TimeZone, DayOfWeek[]? Days, TimeOnly? WindowStart, TimeOnly? WindowEnd, TimeOnly? QuietFrom, TimeOnly? QuietUntil,
    TimeOnly? HardTopicsUntil, int? FollowUpAfterHours, int? FollowUps, int? MaxPerWeek, int? MaxPerDay, int? MaxPerStep,
    int? UnreachableAfterDays, int? UnreachableNudgeEveryDays)
{
    public static CadenceChange From(Cadence c, string timeZone) => new(timeZone, [.. c.Days], c.WindowStart, c.WindowEnd, c.QuietFrom, c.QuietUntil,
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

/// <summary>A cadence that passed its checks, with its time zone.</summary>
public sealed record CheckedCadence(Cadence Cadence, string TimeZone);

/// <summary>
/// A coordinator changes a programme's cadence (the cadence page and <c>PUT /api/programmes/{id}/cadence</c>): checked
/// field by field; a new time zone moves the programme's clients who kept the old one, and the planner looks at every
/// client of the programme again. <see cref="CheckAsync"/> alone serves the preview.
/// </summary>
public sealed class ChangeCadence(BotDbContext db, TimeProvider time)
{
    public async Task<Outcome<CheckedCadence>> CheckAsync(int programmeId, CadenceChange change, CancellationToken cancellationToken) =>
        await db.Programmes.AsNoTracking().SingleOrDefaultAsync(p => p.Id == programmeId, cancellationToken) is { } programme
            ? Check(change, programme.Cadence, programme.TimeZone)
            : Outcome.NotFound<CheckedCadence>();

    public async Task<Outcome<CheckedCadence>> SaveAsync(ClaimsPrincipal coordinator, int programmeId, CadenceChange change, CancellationToken cancellationToken)
    {
        if (await db.Programmes.SingleOrDefaultAsync(p => p.Id == programmeId, cancellationToken) is not { } programme)
        {
            return Outcome.NotFound<CheckedCadence>();
        }

        var outcome = Check(change, programme.Cadence, programme.TimeZone);
        if (outcome.Value is not { } saved)
        {
            return outcome;
        }

        var oldZone = programme.TimeZone;
        (programme.Cadence, programme.TimeZone) = (saved.Cadence, saved.TimeZone);
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow(), Actor = coordinator.Id(), Action = AuditAction.CadenceChange, Subject = $"programme:{programmeId}",
            Detail = JsonSerializer.Serialize(CadenceChange.From(saved.Cadence, saved.TimeZone)),
        });
        await db.SaveChangesAsync(cancellationToken);
        await db.Clients.Where(c => c.ProgrammeId == programmeId && c.TimeZone == oldZone)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.TimeZone, saved.TimeZone), cancellationToken);
        var now = time.GetUtcNow();
        await db.Clients.Where(c => c.ProgrammeId == programmeId && c.ConsentAt != null && c.OptedOutAt == null && c.ClosedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.NextContactAt, now), cancellationToken);
        return outcome;
    }

    private static Outcome<CheckedCadence> Check(CadenceChange change, Cadence current, string currentZone)
    {
        var cadence = change.ApplyTo(current);
        var errors = cadence.Validate();
        var zone = change.TimeZone ?? currentZone;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            errors["timeZone"] = ["Use an IANA time zone, e.g. Europe/Amsterdam."];
        }

        return errors.Count > 0 ? Outcome.Invalid<CheckedCadence>(errors) : Outcome.Done(new CheckedCadence(cadence, zone));
    }
}
