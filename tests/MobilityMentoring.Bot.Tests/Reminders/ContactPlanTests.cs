using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Reminders;

namespace MobilityMentoring.Bot.Tests.Reminders;

public sealed class ContactPlanTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    [Fact]
    public void The_first_check_in_is_on_the_steps_day_at_the_preferred_time()
    {
        var facts = Facts(Local(2026, 11, 23, 10, 0), step: Step(new DateOnly(2026, 11, 25)), preferred: new TimeOnly(13, 30));

        var decision = ContactPlan.Next(facts);

        Assert.Equal((Local(2026, 11, 25, 13, 30), true), (decision.At, decision.Send));
    }

    [Theory]
    [InlineData(7, 0, 9, 0)]    // before quiet hours end: at 09:00
    [InlineData(21, 30, 19, 30)] // after 20:00: the last half hour of the window
    public void A_preferred_time_in_quiet_hours_moves_into_the_open_hours(int hour, int minute, int expectedHour, int expectedMinute)
    {
        var facts = Facts(Local(2026, 11, 23, 10, 0), step: Step(new DateOnly(2026, 11, 25), hard: false), preferred: new TimeOnly(hour, minute));

        Assert.Equal(Local(2026, 11, 25, expectedHour, expectedMinute), ContactPlan.Next(facts).At);
    }

    [Fact]
    public void A_money_step_is_asked_about_in_the_morning_even_for_an_evening_person()
    {
        var facts = Facts(Local(2026, 11, 23, 10, 0), step: Step(new DateOnly(2026, 11, 25), hard: true), preferred: new TimeOnly(18, 30));

        Assert.Equal(Local(2026, 11, 25, 11, 30), ContactPlan.Next(facts).At);
    }

    [Theory]
    [InlineData(2026, 10, 25)] // last Sunday of October: winter time starts
    [InlineData(2027, 3, 28)]  // last Sunday of March: summer time starts
    public void Summer_and_winter_time_keep_the_local_time(int year, int month, int day)
    {
        var sunday = new DateOnly(year, month, day);
        foreach (var date in new[] { sunday.AddDays(-1), sunday, sunday.AddDays(1) })
        {
            var facts = Facts(ContactPlan.StartOfDay(date.AddDays(-2), Amsterdam), step: Step(date), preferred: new TimeOnly(9, 30));
            var at = ContactPlan.Next(facts).At!.Value;
            Assert.Equal(new DateTime(date.Year, date.Month, date.Day, 9, 30, 0), TimeZoneInfo.ConvertTime(at, Amsterdam).DateTime);
        }
    }

    [Fact]
    public void No_answer_gets_one_follow_up_a_day_later_then_the_mentor_is_told()
    {
        var asked = Local(2026, 11, 25, 9, 30);
        var step = Step(new DateOnly(2026, 11, 25)) with { CheckIns = [new PastCheckIn(asked, null)] };

        var followUp = ContactPlan.Next(Facts(asked, step, sent: [asked]));
        Assert.Equal((asked.AddDays(1), true), (followUp.At, followUp.Send));

        var both = step with { CheckIns = [new PastCheckIn(asked, null), new PastCheckIn(asked.AddDays(1), null)] };
        var after = ContactPlan.Next(Facts(asked.AddDays(2).AddMinutes(1), both, sent: [asked, asked.AddDays(1)]));
        Assert.Equal((false, true), (after.Send, after.NoAnswer));
    }

    [Fact]
    public void The_caps_move_a_check_in_to_the_next_free_day_and_week()
    {
        var monday = new DateOnly(2026, 11, 23);
        var sentMonTueWed = Enumerable.Range(0, 3).Select(d => ContactPlan.ToInstant(monday.AddDays(d), new TimeOnly(9, 30), Amsterdam)).ToList();
        var step = Step(monday.AddDays(2)); // due Wednesday, but Wednesday had a message already and the week is full

        var decision = ContactPlan.Next(Facts(Local(2026, 11, 25, 12, 0), step, sent: sentMonTueWed));

        Assert.Equal(Local(2026, 11, 30, 9, 30), decision.At); // next Monday
    }

    [Fact]
    public void Paused_clients_are_asked_after_the_pause_and_opted_out_clients_never()
    {
        var step = Step(new DateOnly(2026, 11, 24));
        var paused = Facts(Local(2026, 11, 23, 10, 0), step) with { PausedUntil = ContactPlan.StartOfDay(new DateOnly(2026, 11, 30), Amsterdam) };
        Assert.Equal(Local(2026, 11, 30, 9, 30), ContactPlan.Next(paused).At);

        Assert.Equal(ContactDecision.Nothing, ContactPlan.Next(Facts(Local(2026, 11, 23, 10, 0), step) with { MayContact = false }));
    }

    [Fact]
    public void After_two_weeks_of_silence_the_client_is_unreachable_and_nudged_once_a_month()
    {
        var lastHeard = Local(2026, 11, 1, 10, 0);
        var lastAsked = Local(2026, 11, 3, 9, 30);
        var step = Step(new DateOnly(2026, 11, 2)) with { CheckIns = [new PastCheckIn(Local(2026, 11, 2, 9, 30), null), new PastCheckIn(lastAsked, null)] };

        var decision = ContactPlan.Next(Facts(Local(2026, 11, 15, 10, 0), step, sent: [Local(2026, 11, 2, 9, 30), lastAsked]) with { LastHeardAt = lastHeard });

        Assert.True(decision.Unreachable);
        Assert.Equal(Local(2026, 12, 3, 9, 30), decision.At);
    }

    [Fact]
    public void A_step_planned_just_now_for_today_is_not_asked_about_for_two_hours()
    {
        var now = Local(2026, 11, 23, 14, 0);
        var step = Step(new DateOnly(2026, 11, 23)) with { CreatedAt = now };

        Assert.Equal(now.AddHours(2), ContactPlan.Next(Facts(now, step, preferred: new TimeOnly(9, 30))).At);
    }

    private static DateTimeOffset Local(int y, int m, int d, int h, int min) =>
        ContactPlan.ToInstant(new DateOnly(y, m, d), new TimeOnly(h, min), Amsterdam);

    private static StepFacts Step(DateOnly due, bool hard = false) =>
        new(1, due, DayPart.Morning, hard, ContactPlan.StartOfDay(due.AddDays(-7), Amsterdam), []);

    private static ContactFacts Facts(DateTimeOffset now, StepFacts step, TimeOnly? preferred = null, IReadOnlyList<DateTimeOffset>? sent = null) =>
        new(now, new Cadence(), Amsterdam, preferred ?? new TimeOnly(9, 30), MayContact: true, PausedUntil: null,
            LastHeardAt: now.AddDays(-1), step, sent ?? []);
}
