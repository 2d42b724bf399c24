using System.Globalization;

namespace MobilityMentoring.Bot.Coaching;

/// <summary>A client's own calendar: their time zone (Europe/Amsterdam unless set), dates in their language.</summary>
public static class ClientClock
{
    private const string DefaultTimeZone = "Europe/Amsterdam";

    public static DateTimeOffset LocalTime(this Client client, DateTimeOffset now) => TimeZoneInfo.ConvertTime(now, TimeZoneOf(client));

    public static DateOnly Today(this Client client, DateTimeOffset now) => DateOnly.FromDateTime(client.LocalTime(now).DateTime);

    /// <summary>The first moment of <paramref name="date"/> in the client's time zone, in UTC (as PostgreSQL stores it).</summary>
    public static DateTimeOffset StartOf(this Client client, DateOnly date)
    {
        var zone = TimeZoneOf(client);
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>"vrijdag 27 november", "Friday 27 November".</summary>
    public static string FormatDay(DateOnly date, string? language) =>
        date.ToString("dddd d MMMM", CultureFor(language));

    /// <summary>When a client likes to hear from the bot, for the part of the day they picked.</summary>
    public static TimeOnly TimeOf(DayPart part) => part switch
    {
        DayPart.Morning => new TimeOnly(9, 30),
        DayPart.Afternoon => new TimeOnly(13, 30),
        _ => new TimeOnly(18, 30),
    };

    /// <summary>The part of the day a preferred time falls in (the inverse of <see cref="TimeOf"/>).</summary>
    public static DayPart? PartOf(TimeOnly? time) => time switch
    {
        null => null,
        { Hour: < 12 } => DayPart.Morning,
        { Hour: < 17 } => DayPart.Afternoon,
        _ => DayPart.Evening,
    };

    private static CultureInfo CultureFor(string? language) =>
        CultureInfo.GetCultureInfo(language == "en" ? "en-GB" : "nl-NL");

    public static TimeZoneInfo Zone(this Client client) => TimeZoneOf(client);

    private static TimeZoneInfo TimeZoneOf(Client client) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(client.TimeZone, out var zone) ? zone : TimeZoneInfo.FindSystemTimeZoneById(DefaultTimeZone);
}
