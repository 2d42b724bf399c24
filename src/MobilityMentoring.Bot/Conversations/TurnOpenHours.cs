using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Reminders;

namespace MobilityMentoring.Bot.Conversations;

public static class TurnOpenHours
{
    /// <summary>Null when the turn's client's programme is open now; else when it next opens (for a message a person wrote).</summary>
    public static async Task<DateTimeOffset?> NextOpenHourAsync(this ITurnContext turn, CancellationToken cancellationToken)
    {
        var client = turn.Client!;
        var cadence = await turn.Db.Programmes.AsNoTracking().Where(p => p.Id == client.ProgrammeId).Select(p => p.Cadence).SingleAsync(cancellationToken);
        return OpenHours.NextOpen(cadence, client, turn.Now);
    }
}
