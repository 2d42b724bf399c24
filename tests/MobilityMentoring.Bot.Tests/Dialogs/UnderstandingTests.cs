using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Dialogs.Understanding;

namespace MobilityMentoring.Bot.Tests.Dialogs;

public sealed class UnderstandingTests
{
    private static readonly string[] CheckIn = ["done", "notyet", "help"];

    [Theory]
    [InlineData("1", "done")]
    [InlineData("1 gedaan", "done")]
    [InlineData("Gedaan!", "done")]
    [InlineData("GEDAAN", "done")]
    [InlineData("gedaam", "done")] // one typo
    [InlineData("gdaan", "done")]
    [InlineData("ja hoor, het is gelukt", "done")]
    [InlineData("👍", "done")]
    [InlineData("👍🏽", "done")]
    [InlineData("done", "done")]
    [InlineData("2", "notyet")]
    [InlineData("nog niet", "notyet")]
    [InlineData("Nog niet gedaan", "notyet")]
    [InlineData("not yet", "notyet")]
    [InlineData("3", "help")]
    [InlineData("hulp", "help")]
    [InlineData("Help!", "help")]
    [InlineData("4", null)]
    [InlineData("banaan", null)]
    [InlineData("", null)]
    public void Check_in_answers_are_read_leniently(string text, string? expected) =>
        Assert.Equal(expected, ShippedContent.Understanding.Choose(Utterance.Read(text), CheckIn));

    [Theory]
    [InlineData("tuurlijk", "yes")]
    [InlineData("komt goed", "yes")]
    [InlineData("ik doe mee", "yes")]
    [InlineData("jaaa", "yes")]
    [InlineData("hoeft niet", "no")]
    [InlineData("laat maar", "no")]
    [InlineData("neeee", "no")]
    [InlineData("twee", "no")]
    [InlineData("weet ik niet zeker", null)]
    public void Words_for_yes_and_no_beyond_the_listed_ones_are_understood(string text, string? expected) =>
        Assert.Equal(expected, ShippedContent.Understanding.Choose(ShippedContent.Content.Read(text), ["yes", "no"]));

    [Theory]
    [InlineData("de 3e", "2026-12-03")]
    [InlineData("volgende week", "2026-12-09")]
    [InlineData("volgende week dinsdag", "2026-12-08")]
    [InlineData("na het weekend", "2026-12-07")]
    [InlineData("over 10 dagen", "2026-12-12")]
    [InlineData("over drie dagen", "2026-12-05")]
    [InlineData("vrydag", "2026-12-04")]
    [InlineData("next tuesday", "2026-12-08")]
    [InlineData("after the weekend", "2026-12-07")]
    [InlineData("in two weeks", "2026-12-16")]
    [InlineData("the 1st", "2027-01-01")]
    public void Ordinals_and_relative_days_are_read_in_Dutch_and_English(string text, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ShippedContent.Days.Read(text, new DateOnly(2026, 12, 2)).Date);

    [Fact]
    public void In_het_weekend_asks_which_of_the_two_days() =>
        Assert.Equal(new DayAnswer(null, null, Weekend: true), ShippedContent.Days.Read("in het weekend", new DateOnly(2026, 12, 2)));

    [Theory]
    [InlineData("rond 10 uur", DayPart.Morning)]
    [InlineData("na 6 uur", DayPart.Evening)]
    [InlineData("after 7 pm", DayPart.Evening)]
    [InlineData("voor 12en", DayPart.Morning)]
    public void A_time_is_read_as_its_part_of_the_day(string text, DayPart expected) =>
        Assert.Equal(expected, ShippedContent.Understanding.ClockPart(ShippedContent.Content.Read(text)));

    [Theory]
    [InlineData("ik wil geen berichten meer", "stop")]
    [InlineData("stop alsjeblieft", "stop")]
    [InlineData("hoeveel punten heb ik", "points")]
    [InlineData("pause for 2 weeks", "pause")]
    [InlineData("stop met roken", null)]
    public void Commands_are_understood_in_plain_words(string text, string? expected) =>
        Assert.Equal(expected, ShippedContent.Understanding.Command(ShippedContent.Content.Read(text), out _));

    [Theory]
    [InlineData("STOP", "stop")]
    [InlineData("stop alsjeblieft", "stop")]
    [InlineData("ik wil geen berichten meer", "stop")]
    [InlineData("please stop sending me messages", "stop")]
    [InlineData("START weer", "start")]
    [InlineData("Ik krijg geen berichten meer", null)]
    [InlineData("ik wil me niet afmelden", null)]
    [InlineData("do not unsubscribe me", null)]
    [InlineData("my ex won't stop texting me", null)]
    [InlineData("do not text me before 9", null)]
    [InlineData("stop even", null)]
    [InlineData("stop 2 weken", null)]
    public void STOP_in_plain_words_is_only_a_clear_wish_to_stop(string text, string? expected) =>
        Assert.Equal(expected, ShippedContent.Understanding.OptInOrOut(ShippedContent.Content.Read(text)));

    [Theory]
    [InlineData("Engels oefenen")]
    [InlineData("Contact opnemen met de gemeente")]
    [InlineData("take a break from screens")]
    public void A_step_in_the_clients_own_words_is_no_command(string text) =>
        Assert.Null(ShippedContent.Understanding.Command(ShippedContent.Content.Read(text), out _, "Sanne", plainWords: false));

    [Theory]
    [InlineData("PAUZE", "pause", true, null)]
    [InlineData("pauze 2", "pause", true, 2)]
    [InlineData("Pause 2 weeks", "pause", true, 2)]
    [InlineData("stap", "step", true, null)]
    [InlineData("Stop", "step", false, null)]
    [InlineData("punten?", "points", true, null)]
    [InlineData("wat zijn mijn punten", "points", false, null)]
    public void Commands_are_whole_messages_with_at_most_a_number(string text, string command, bool expected, int? argument)
    {
        Assert.Equal(expected, ShippedContent.Understanding.IsCommand(Utterance.Read(text), command, out var actual));
        Assert.Equal(argument, actual);
    }

    [Theory]
    [InlineData("ben je een mens?")]
    [InlineData("Are you a human")]
    public void Asking_whether_the_bot_is_human_is_understood(string text) =>
        Assert.True(ShippedContent.Understanding.Means(Utterance.Read(text), "human"));

    [Theory]
    [InlineData("gedaan", "gedaan", true)]
    [InlineData("gedaa", "gedaan", true)]
    [InlineData("gedaanx", "gedaan", true)]
    [InlineData("gedana", "gedaan", true)]
    [InlineData("gdana", "gedaan", false)]
    [InlineData("ja", "jo", false)]
    public void One_typo_is_forgiven_in_words_of_four_letters_or_more(string token, string word, bool expected) =>
        Assert.Equal(expected, PhraseMatcher.WordMatches(token, word));
}

public sealed class DayParserTests
{
    private static readonly DateOnly Monday = new(2026, 11, 23);

    [Theory]
    [InlineData("vandaag", "2026-11-23", null)]
    [InlineData("morgen", "2026-11-24", null)]
    [InlineData("Overmorgen", "2026-11-25", null)]
    [InlineData("maandag", "2026-11-23", null)]
    [InlineData("vrijdag", "2026-11-27", null)]
    [InlineData("vrijdagmiddag", "2026-11-27", DayPart.Afternoon)]
    [InlineData("morgenochtend", "2026-11-24", DayPart.Morning)]
    [InlineData("morgen in de avond", "2026-11-24", DayPart.Evening)]
    [InlineData("vanavond", "2026-11-23", DayPart.Evening)]
    [InlineData("over 3 dagen", "2026-11-26", null)]
    [InlineData("over 2 weken", "2026-12-07", null)]
    [InlineData("volgende week", "2026-11-30", null)]
    [InlineData("12-3", "2027-03-12", null)]
    [InlineData("1/12", "2026-12-01", null)]
    [InlineData("12-3-2027 ochtend", "2027-03-12", DayPart.Morning)]
    [InlineData("3 december", "2026-12-03", null)]
    [InlineData("today", "2026-11-23", null)]
    [InlineData("tomorrow afternoon", "2026-11-24", DayPart.Afternoon)]
    [InlineData("Friday evening", "2026-11-27", DayPart.Evening)]
    [InlineData("in 3 days", "2026-11-26", null)]
    [InlineData("March 12", "2027-03-12", null)]
    [InlineData("tonight", "2026-11-23", DayPart.Evening)]
    public void Days_are_read_as_people_write_them(string text, string expected, DayPart? part)
    {
        var answer = ShippedContent.Days.Read(text, Monday);

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), answer.Date);
        Assert.Equal(part, answer.Part);
    }

    [Theory]
    [InlineData("ooit")]
    [InlineData("31-2")]
    [InlineData("weet ik niet")]
    public void A_day_that_cannot_be_read_is_null(string text) => Assert.Null(ShippedContent.Days.Read(text, Monday).Date);
}
