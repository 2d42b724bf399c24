using MobilityMentoring.Bot.Privacy;

namespace MobilityMentoring.Bot.Tests.Privacy;

public sealed class ScrubbedExceptionTests
{
    [Fact]
    public void A_scrubbed_exception_keeps_types_and_stack_traces_and_no_message()
    {
        var thrown = Catch(() => throw new InvalidOperationException("turn failed for 'mijn geheime woorden'",
            Catch(() => int.Parse("mijn geheime woorden", System.Globalization.CultureInfo.InvariantCulture))));

        var text = ScrubbedException.From(thrown).ToString();

        Assert.DoesNotContain("geheime", text, StringComparison.Ordinal);
        Assert.Contains("System.InvalidOperationException (message withheld)", text, StringComparison.Ordinal);
        Assert.Contains("---> System.FormatException (message withheld)", text, StringComparison.Ordinal);
        Assert.Contains(nameof(A_scrubbed_exception_keeps_types_and_stack_traces_and_no_message), text, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_exception_of_an_aggregate_is_scrubbed()
    {
        var aggregate = new AggregateException(new FormatException("'geheim' 1"), new ArgumentException("'geheim' 2"));

        var text = ScrubbedException.From(aggregate).ToString();

        Assert.DoesNotContain("geheim", text, StringComparison.Ordinal);
        Assert.Contains("System.FormatException", text, StringComparison.Ordinal);
        Assert.Contains("System.ArgumentException", text, StringComparison.Ordinal);
    }

    private static Exception Catch(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            return e;
        }

        throw new InvalidOperationException("nothing was thrown");
    }
}
