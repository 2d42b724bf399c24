using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using MobilityMentoring.Bot.Privacy;

namespace MobilityMentoring.Bot.Tests.Privacy;

public sealed class LogMaskerTests
{
    [Theory]
    [InlineData("+31612345678", "+316****5678")]
    [InlineData("whatsapp:+31612345678", "whatsapp:+316****5678")]
    [InlineData("Bericht van 06-12345678 ontvangen", "Bericht van 061****5678 ontvangen")]
    [InlineData("call 0031 6 1234 5678 now", "call 003****5678 now")]
    [InlineData("WaId=31612345678", "WaId=316****5678")]
    [InlineData("(06) 1234-5678", "061****5678")]
    public void Phone_numbers_are_masked_wherever_they_stand(string text, string expected)
    {
        Assert.Equal(expected, LogMasker.Mask(text));
    }

    [Theory]
    [InlineData("MessageSid SM1234567890abcdef1234567890abcdef")]
    [InlineData("Client 42 answered at 2026-11-23 09:15")]
    [InlineData("took 1234 ms")]
    public void Text_without_phone_numbers_is_left_alone(string text)
    {
        Assert.Equal(text, LogMasker.Mask(text));
    }

    [Fact]
    public void No_full_phone_number_survives_masking_in_any_common_notation()
    {
        var notations = Gen.Elements<Func<string, string>>(
            n => "+31" + n,
            n => "0031" + n,
            n => "0" + n,
            n => "0" + n[..1] + "-" + n[1..],
            n => "+31 " + n[..1] + " " + n[1..5] + " " + n[5..],
            n => "31" + n,
            n => "whatsapp:+31" + n,
            n => "(0" + n[..1] + ") " + n[1..]);
        var subscriber = Gen.Choose(10_000_000, 99_999_999).Select(d => "6" + d.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var filler = Gen.Elements("", " ", "Van ", "to=", "nummer: ", "[", "\"", "client ", "Hoi\n", "=")
            .ArrayOf().Select(parts => string.Concat(parts));

        var property = Prop.ForAll(
            Arb.From(Gen.Zip(Gen.Zip(notations, subscriber), Gen.Zip(filler, filler))),
            input =>
            {
                var ((write, number), (before, after)) = input;
                var masked = LogMasker.Mask(before + write(number) + after);
                var digitsLeft = new string(masked.Where(char.IsAsciiDigit).ToArray());
                return !digitsLeft.Contains(number, StringComparison.Ordinal);
            });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2_000), property);
    }

    [Fact]
    public void Console_formatter_masks_messages_scopes_and_exceptions()
    {
        var formatter = new MaskingConsoleFormatter();
        using var writer = new StringWriter();
        var scopes = new LoggerExternalScopeProvider();
        using (scopes.Push("From=+31612345678"))
        {
            var entry = new LogEntry<string>(
                LogLevel.Warning, "Test", default, "Send to 0612345678 failed",
                new InvalidOperationException("Twilio refused +31612345678"), (state, _) => state);
            formatter.Write(entry, scopes, writer);
        }

        var output = writer.ToString();
        Assert.DoesNotContain("12345678", output, StringComparison.Ordinal);
        Assert.Contains("061****5678", output, StringComparison.Ordinal);
        Assert.Contains("Twilio refused +316****5678", output, StringComparison.Ordinal);
    }
}
