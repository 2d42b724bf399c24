using MobilityMentoring.Bot.Privacy;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.Coaching;

public static class Flags
{
    /// <summary>
    /// Raises a flag for the mentor, unless one of that kind is still open: a mentor needs one signal, not five.
    /// Returns whether it raised one.
    /// </summary>
    public static async Task<bool> RaiseFlagAsync(
        this BotDbContext db, int clientId, FlagKind kind, string? note, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = IsOpenInThisUnitOfWork(db, clientId, kind)
                   || await db.Flags.AnyAsync(f => f.ClientId == clientId && f.Kind == kind && f.HandledAt == null, cancellationToken);
        if (!open)
        {
            db.Flags.Add(new Flag { ClientId = clientId, Kind = kind, Note = note, RaisedAt = now });
        }

        return !open;
    }

    /// <summary>
    /// Raises a flag of <paramref name="kind"/>, or adds <paramref name="note"/> to the one still open: one signal for the
    /// mentor, with every reason on it (each failed message the bot gave up on, say).
    /// </summary>
    public static async Task RaiseOrNoteFlagAsync(
        this BotDbContext db, int clientId, FlagKind kind, string note, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!await db.RaiseFlagAsync(clientId, kind, note, now, cancellationToken))
        {
            await db.NoteOnOpenFlagAsync(clientId, [kind], note, cancellationToken);
        }
    }

    /// <summary>
    /// A clear crisis: a new flag every time (each crisis message is a moment the mentor must see), except that an
    /// open "possible crisis" flag becomes this one, so the mentor sees one urgent flag with the whole story.
    /// </summary>
    public static async Task RaiseCrisisAsync(this BotDbContext db, int clientId, string note, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var possible = await db.Flags
            .Where(f => f.ClientId == clientId && f.Kind == FlagKind.PossibleCrisis && f.HandledAt == null)
            .ToListAsync(cancellationToken);
        foreach (var flag in possible)
        {
            (flag.Kind, flag.Note, flag.RaisedAt) = (FlagKind.Crisis, $"{note} (first: possible crisis, {flag.Note})", now);
        }

        if (possible.Count == 0)
        {
            db.Flags.Add(new Flag { ClientId = clientId, Kind = FlagKind.Crisis, Note = note, RaisedAt = now });
        }
    }

    /// <summary>Adds <paramref name="note"/> to the client's newest open flag of one of <paramref name="kinds"/>, if there is one.</summary>
    public static async Task NoteOnOpenFlagAsync(
        this BotDbContext db, int clientId, IReadOnlyCollection<FlagKind> kinds, string note, CancellationToken cancellationToken)
    {
        var flag = db.Flags.Local.Where(f => f.ClientId == clientId && kinds.Contains(f.Kind) && f.HandledAt == null).MaxBy(f => f.RaisedAt)
                   ?? await db.Flags.Where(f => f.ClientId == clientId && kinds.Contains(f.Kind) && f.HandledAt == null)
                       .OrderByDescending(f => f.RaisedAt).FirstOrDefaultAsync(cancellationToken);
        if (flag is not null)
        {
            flag.Note = string.IsNullOrEmpty(flag.Note) ? note : $"{flag.Note}; {note}";
        }
    }

    /// <summary>
    /// A flag raised earlier in this unit of work. Looked up without detecting changes: the planner's batch tracks
    /// thousands of entities, and detecting over all of them on every flag made planning quadratic.
    /// </summary>
    private static bool IsOpenInThisUnitOfWork(BotDbContext db, int clientId, FlagKind kind)
    {
        var tracker = db.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return db.Flags.Local.Any(f => f.ClientId == clientId && f.Kind == kind && f.HandledAt == null);
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>An open crisis flag, clear or possible, pauses every check-in until the mentor has handled it.</summary>
    public static Task<bool> HasOpenCrisisAsync(this BotDbContext db, int clientId, CancellationToken cancellationToken) =>
        db.Flags.OpenCrisis().AnyAsync(f => f.ClientId == clientId, cancellationToken);

    /// <summary>
    /// A mentor marks a flag handled. A handled crisis lets check-ins resume, and so does any handled flag of a client the
    /// planner parked: the planner looks again.
    /// </summary>
    public static async Task HandleFlagAsync(
        this BotDbContext db, int clientId, int flagId, string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await db.Flags.SingleOrDefaultAsync(f => f.Id == flagId && f.ClientId == clientId && f.HandledAt == null, cancellationToken) is not { } flag)
        {
            return;
        }

        (flag.HandledAt, flag.HandledById) = (now, userId);
        if (flag.Kind.IsCrisis())
        {
            await db.Clients.Where(c => c.Id == clientId).ExecuteUpdateAsync(s => s.SetProperty(c => c.NextContactAt, now), cancellationToken);
        }

        // A person looked: a client the planner parked (its planning kept failing) is planned again.
        await db.Clients.Where(c => c.Id == clientId && c.PlanningParkedAt != null).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.PlanningParkedAt, (DateTimeOffset?)null)
            .SetProperty(c => c.PlanningFailures, 0)
            .SetProperty(c => c.NextContactAt, now), cancellationToken);

        db.AuditEntries.Add(new AuditEntry { At = now, Actor = userId, Action = AuditAction.FlagHandle, Subject = $"client:{clientId}", Detail = flag.Kind.ToString() });
        await db.SaveChangesAsync(cancellationToken);
    }
}
