using MobilityMentoring.Bot.Reminders;

namespace MobilityMentoring.Bot.Reports;

/// <summary>
/// The weeks reports count in: Monday to Sunday, Amsterdam time, for every programme (a report compares weeks across
/// programmes, so it does not follow each programme's own zone).
/// </summary>
public static class ReportCalendar
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <summary>The Monday of the week <paramref name="at"/> falls in.</summary>
    public static DateOnly WeekOf(DateTimeOffset at) => ContactPlan.WeekOf(ContactPlan.LocalDate(at, Zone));

    /// <summary>The Monday of the week <paramref name="date"/> falls in.</summary>
    public static DateOnly WeekOf(DateOnly date) => ContactPlan.WeekOf(date);

    /// <summary>When the week of <paramref name="monday"/> starts: midnight, Amsterdam time, with that day's offset.</summary>
    public static DateTimeOffset Start(DateOnly monday) => ContactPlan.StartOfDay(monday, Zone);

    /// <summary>The Mondays from <paramref name="first"/> to <paramref name="last"/>, both included.</summary>
    public static IEnumerable<DateOnly> Mondays(DateOnly first, DateOnly last)
    {
        for (var monday = first; monday <= last; monday = monday.AddDays(7))
        {
            yield return monday;
        }
    }
}
