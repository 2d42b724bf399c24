using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.Coaching;

public static class Flags
{
    /// <summary>Raises a flag for the mentor, unless one of that kind is still open: a mentor needs one signal, not five.</summary>
    public static async Task RaiseFlagAsync(
        this BotDbContext db, int clientId, FlagKind kind, string? note, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = db.Flags.Local.Any(f => f.ClientId == clientId && f.Kind == kind && f.HandledAt == null)
                   || await db.Flags.AnyAsync(f => f.ClientId == clientId && f.Kind == kind && f.HandledAt == null, cancellationToken);
        if (!open)
        {
            db.Flags.Add(new Flag { ClientId = clientId, Kind = kind, Note = note, RaisedAt = now });
        }
    }

    /// <summary>An open crisis flag pauses every check-in until the mentor has handled it.</summary>
    public static Task<bool> HasOpenCrisisAsync(this BotDbContext db, int clientId, CancellationToken cancellationToken) =>
        db.Flags.AnyAsync(f => f.ClientId == clientId && f.Kind == FlagKind.Crisis && f.HandledAt == null, cancellationToken);
}
