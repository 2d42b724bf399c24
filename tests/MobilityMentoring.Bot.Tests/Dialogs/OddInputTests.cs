using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Dialogs.Understanding;

namespace MobilityMentoring.Bot.Tests.Dialogs;

/// <summary>
/// Whatever a phone's keyboard sends: digits of other scripts (a full-width or an Arabic keyboard), invisible marks
/// that phones put around numbers in right-to-left text, emoji with joiners, a body of 1,600 characters. Every reader
/// reads it without throwing (one exception fails the turn, and the sweeper retries it five times), and digits are
/// digits in any script.
/// </summary>
public sealed class OddInputTests
{
    private static readonly DateOnly Monday = new(2026, 11, 23);
    private static readonly string[] YesNo = ["yes", "no"];
    private static readonly string[] CheckIn = ["done", "notyet", "help"];

    private const string Rlm = "\u200F";
    private const string Lrm = "\u200E";
    private const string Zwj = "\u200D";
    private const string Zwsp = "\u200B";

    [Theory]
    [InlineData("１２-３")] // full-width digits
    [InlineData("１２－３")] // and a full-width hyphen
    [InlineData("١٢-٣")] // Arabic-Indic
    [InlineData("١٢/٣")]
    [InlineData("۱۲-۳")] // Persian
    [InlineData("\u200F١٢-٣\u200F")] // right-to-left marks around it, as Arabic keyboards send
    [InlineData("12\u200F-\u200F3")]
    [InlineData("\u200E12-3")]
    [InlineData("1\u200B2-3")] // a zero-width space inside
    [InlineData("12-3 👍🏽")]
    [InlineData("١٢ maart")]
    [InlineData("March １２")]
    public void A_date_in_any_script_reads_as_that_date(string text)
    {
        var answer = ShippedContent.Days.Read(text, Monday);

        Assert.Equal(new DateOnly(2027, 3, 12), answer.Date);
    }

    [Theory]
    [InlineData("de ３e", "2026-12-03")]
    [InlineData("over ٣ dagen", "2026-11-26")]
    [InlineData("in ۲ weeks", "2026-12-07")]
    [InlineData("١٢-٣-٢٠٢٧", "2027-03-12")]
    public void Numbers_inside_day_phrases_read_in_any_script(string text, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ShippedContent.Days.Read(text, Monday).Date);

    [Theory]
    [InlineData("rond ١٠ uur", DayPart.Morning)]
    [InlineData("na ６ uur", DayPart.Evening)]
    public void A_time_in_any_script_gives_its_part_of_the_day(string text, DayPart expected) =>
        Assert.Equal(expected, ShippedContent.Days.Read(text, Monday).Part);

    [Theory]
    [InlineData("２", "no")]
    [InlineData("٢", "no")]
    [InlineData("۱", "yes")]
    [InlineData("\u200F١\u200F", "yes")]
    [InlineData("1\u200B", "yes")]
    [InlineData("\u200D2", "no")]
    public void A_numbered_answer_in_any_script_picks_that_answer(string text, string expected) =>
        Assert.Equal(expected, ShippedContent.Understanding.Choose(ShippedContent.Content.Read(text), YesNo));

    [Theory]
    [InlineData("٣", "help")]
    [InlineData("１ gedaan", "done")]
    [InlineData("gedaan\u200F", "done")]
    [InlineData("👍\u200D", "done")]
    public void Check_in_answers_in_any_script_are_read(string text, string expected) =>
        Assert.Equal(expected, ShippedContent.Understanding.Choose(ShippedContent.Content.Read(text), CheckIn));

    [Theory]
    [InlineData("\u200Fik\u200B kan niet\u200E meer\u200F")]
    [InlineData("ik\u200Bkan\u200Dniet\u200Fmeer")] // between two letters an invisible mark still parts the words
    public void Invisible_marks_leave_the_words_intact_and_the_crisis_net_still_reads_them(string text)
    {
        Assert.Equal(["ik", "kan", "niet", "meer"], ShippedContent.Content.Read(text).Tokens);
        Assert.NotNull(ShippedContent.Crisis.Detect(text));
        Assert.Equal(ShippedContent.Crisis.Detect("ik kan niet meer"), ShippedContent.Crisis.Detect(text));
    }

    [Fact]
    public void Stop_between_direction_marks_still_stops() =>
        Assert.Equal("stop", ShippedContent.Understanding.OptInOrOut(ShippedContent.Content.Read($"{Rlm}STOP{Lrm}")));

    public static TheoryData<string> OddBodies() =>
    [
        "ik kan niet meer \uFFFE", // a noncharacter: string.Normalize throws on it (found by WebhookFuzzTests)
        "\uFDD0 hoi \uFFFF",
        "",
        " ",
        Rlm,
        Zwj + Zwj + Zwj,
        "👨‍👩‍👧‍👦", // a family: four emoji joined by zero-width joiners
        "🏳️‍🌈 ok",
        "🇳🇱🇳🇱🇳🇱",
        "١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧٨٩٠", // a number far beyond int
        new string('９', 40) + "-" + new string('９', 40),
        "99-99-9999",
        "0-0",
        "31-2-2027",
        "29-2-2100",
        "12-3-0000",
        "over ٩٩٩٩٩٩٩٩٩٩٩ dagen",
        "PAUZE ٩٩٩٩٩٩٩٩٩٩٩٩",
        "de ٩٩e",
        "\uD83D", // half an emoji (a lone surrogate)
        "a\uDC00b",
        "\u202Eabc\u202C", // right-to-left override
        "\u2066١٢-٣\u2069", // isolates
        "\uFEFF12-3", // a byte-order mark
        "e\u0301\u0301\u0301\u0301\u0301", // combining marks piled up
        "ﷺ ﷽",
        "１２３４５６７８９０",
        LongBody(),
        new string('1', 1600),
        string.Concat(Enumerable.Repeat("١٢-٣ ", 320)),
        string.Concat(Enumerable.Repeat("👍🏽" + Zwj, 400)),
        string.Concat(Enumerable.Repeat(Rlm + "ik kan niet meer ", 94)),
    ];

    [Theory]
    [MemberData(nameof(OddBodies))]
    public void No_reader_throws_on_odd_input(string text)
    {
        var utterance = ShippedContent.Content.Read(text);

        _ = utterance.LeadingNumber;
        _ = ShippedContent.Days.Read(text, Monday);
        _ = ShippedContent.Understanding.Choose(utterance, YesNo);
        _ = ShippedContent.Understanding.Choose(utterance, CheckIn);
        _ = ShippedContent.Understanding.OptInOrOut(utterance);
        _ = ShippedContent.Understanding.ClockPart(utterance);
        _ = ShippedContent.Crisis.Detect(text);
    }

    [Fact]
    public void A_1600_character_body_is_read_in_well_under_a_second()
    {
        var text = LongBody();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var answer = ShippedContent.Days.Read(text, Monday);
        _ = ShippedContent.Crisis.Detect(text);

        Assert.Equal(new DateOnly(2027, 3, 12), answer.Date); // the first date in it
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
    }

    /// <summary>1,600 characters, the most Twilio joins into one message: words, emoji, marks and digits of three scripts.</summary>
    private static string LongBody()
    {
        var parts = new[] { "١٢-٣", "morgen", Rlm, "👨‍👩‍👧", "２", "ga ik", "۳", "bellen!", Zwsp, "ok?", "de 3e", "rond ١٠ uur" };
        var text = new System.Text.StringBuilder();
        for (var i = 0; text.Length < 1600; i++)
        {
            text.Append(parts[i % parts.Length]).Append(' ');
        }

        return text.ToString()[..1600];
    }
}
