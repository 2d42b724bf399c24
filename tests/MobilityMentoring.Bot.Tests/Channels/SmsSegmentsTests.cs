using MobilityMentoring.Bot.Channels;

namespace MobilityMentoring.Bot.Tests.Channels;

public sealed class SmsSegmentsTests
{
    [Theory]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    public void Plain_letters_fill_160_then_153_per_segment(int length, int segments)
    {
        var count = SmsSegments.Count(new string('a', length));
        Assert.Equal((SmsEncoding.Gsm7, segments), (count.Encoding, count.Segments));
    }

    [Fact]
    public void Financiele_fits_one_segment_but_switches_to_UCS2()
    {
        var count = SmsSegments.Count("financiële");
        Assert.Equal(new SmsSegmentCount(SmsEncoding.Ucs2, 10, 1), count);
        Assert.Equal('ë', SmsSegments.FirstNonGsmCharacter("financiële"));
    }

    [Fact]
    public void Euro_signs_cost_two_septets()
    {
        Assert.Equal(new SmsSegmentCount(SmsEncoding.Gsm7, 160, 1), SmsSegments.Count(new string('€', 80)));
        Assert.Equal(2, SmsSegments.Count(new string('€', 81)).Segments);
    }

    [Theory]
    [InlineData("cliënt")]
    [InlineData("geïnteresseerd")]
    [InlineData("‘hoi’")]
    [InlineData("crêpe")]
    [InlineData("👍")]
    public void Characters_outside_GSM7_switch_to_UCS2(string text) =>
        Assert.Equal(SmsEncoding.Ucs2, SmsSegments.Count(text).Encoding);

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void UCS2_fills_70_then_67_per_segment(int length, int segments) =>
        Assert.Equal(segments, SmsSegments.Count("ë" + new string('a', length - 1)).Segments);

    [Fact]
    public void An_emoji_outside_the_BMP_counts_two_units()
    {
        Assert.Equal(2, SmsSegments.Count("👍").Units);
        Assert.Equal(2, SmsSegments.Count(string.Concat(Enumerable.Repeat("👍", 36))).Segments);
    }

    [Fact]
    public void Dutch_GSM_letters_stay_GSM7() =>
        Assert.Equal(SmsEncoding.Gsm7, SmsSegments.Count("Hé, één stap: ga naar de bibliotheek. Lukt het? 1 Ja 2 Nee").Encoding);
}
