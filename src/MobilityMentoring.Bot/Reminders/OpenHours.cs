using MobilityMentoring.Bot.Coaching;

namespace MobilityMentoring.Bot.Reminders;

/// <summary>When a message a person wrote (a mentor's, a goodbye) may reach the client: within the programme's open hours.</summary>
public static class OpenHours
{
    /// <summary>Null when the programme's open hours are now; else when they next begin.</summary>
    public static DateTimeOffset? NextOpen(Cadence cadence, Client client, DateTimeOffset now)
    {
        var (open, close) = cadence.OpenHours(hardTopic: false);
        var zone = client.Zone();
        var today = ContactPlan.LocalDate(now, zone);
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        return local >= open && local < close ? null
            : ContactPlan.ToInstant(local < open ? today : today.AddDays(1), open, zone);
    }
}
