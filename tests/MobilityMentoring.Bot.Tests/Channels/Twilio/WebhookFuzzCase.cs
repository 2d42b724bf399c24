using System.Globalization;
using System.Text;

namespace MobilityMentoring.Bot.Tests.Channels.Twilio;

// The generated input of WebhookFuzzTests: symbolic, so a case (or a shrunk part of one) runs again on the same app
// with fresh numbers and SIDs and never meets what an earlier run left behind. Every ToString is what a
// counterexample prints.

public enum SenderKind { Client, WhatsAppClient, Newcomer, Stranger, Raw }

/// <summary>How a client's own number is written in From; libphonenumber makes them all the same client.</summary>
public enum Spelling { AsTwilio, National, Spaced, ZeroZero, WhatsAppPrefix, WhatsAppUpperCase }

public sealed record FuzzSender(SenderKind Kind, int Index, Spelling Spelling = Spelling.AsTwilio, FuzzText? Raw = null)
{
    public override string ToString() => Kind == SenderKind.Raw
        ? $"raw From {Raw}"
        : $"{Kind}#{Index}" + (Spelling == Spelling.AsTwilio ? "" : $" written {Spelling}");
}

/// <summary>A text and, for long ones, how it was made: a counterexample says "1600 × 'é'", not 1600 characters.</summary>
public sealed record FuzzText(string Value, string? Label = null)
{
    public override string ToString() => Label ?? Show(Value);

    /// <summary>Quoted, with every character a reader cannot see or tell apart (controls, marks, joiners, non-ASCII digits) as an escape.</summary>
    public static string Show(string text)
    {
        var shown = new StringBuilder("\"");
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                shown.Append(CultureInfo.InvariantCulture, $"\\U{char.ConvertToUtf32(c, text[++i]):X8}");
            }
            else if (c is '"' or '\\')
            {
                shown.Append('\\').Append(c);
            }
            else if (IsPlain(c))
            {
                shown.Append(c);
            }
            else
            {
                shown.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
        }

        return shown.Append('"').ToString();
    }

    private static bool IsPlain(char c) => c is >= ' ' and <= '~' || (c > '\u00A0' && char.GetUnicodeCategory(c) is
        UnicodeCategory.LowercaseLetter or UnicodeCategory.UppercaseLetter or UnicodeCategory.OtherLetter
        or UnicodeCategory.OtherPunctuation or UnicodeCategory.OtherSymbol);
}

/// <summary>A change to the fields Twilio would send.</summary>
public abstract record FuzzEdit;

public sealed record Drop(string Field) : FuzzEdit
{
    public override string ToString() => $"without {Field}";
}

public sealed record Extra(string Key, FuzzText Value) : FuzzEdit
{
    public override string ToString() => $"+{FuzzText.Show(Key)}={Value}";
}

/// <summary>The field once more: with the same value (null) or another.</summary>
public sealed record Repeat(string Field, FuzzText? Value) : FuzzEdit
{
    public override string ToString() => $"{Field} twice" + (Value is null ? "" : $", again as {Value}");
}

public enum SidVariant { MediaUpperCase, LowerCasePrefix, TrailingNewline, OneShort, Empty, Digits }

/// <summary>MessageSid rewritten from the hook's own fresh SID, so no two runs share one.</summary>
public sealed record RewriteSid(SidVariant Variant) : FuzzEdit
{
    public override string ToString() => $"MessageSid {Variant}";
}

/// <summary>Filler parameters that bring the encoded body to exactly this many bytes.</summary>
public sealed record PadTo(int Bytes) : FuzzEdit
{
    public override string ToString() => $"padded to {Bytes:N0} bytes";
}

public sealed record ManyParams(int Count) : FuzzEdit
{
    public override string ToString() => $"+{Count} small params";
}

public abstract record FuzzHook;

/// <summary>
/// An inbound message webhook. Hooks with the same <paramref name="Sid"/> are one message delivered again; hooks of one
/// sender run one after another in case order, per <paramref name="Lane"/> (another lane of the same sender runs beside it).
/// </summary>
public sealed record MessageHook(int Sid, FuzzSender From, FuzzText Body, IReadOnlyList<FuzzEdit> Edits, int Lane = 0) : FuzzHook
{
    public override string ToString() =>
        $"message #{Sid} from {From}: {Body}" + string.Concat(Edits.Select(e => $", {e}")) + (Lane == 0 ? "" : $" (lane {Lane})");
}

/// <summary>What a status callback names: the n-th reply of the run, the n-th inbound message of the run, or a SID nobody knows.</summary>
public enum StatusTarget { Reply, Inbound, Unknown }

public enum OutboxParam { None, Own, OtherRow, NotANumber, Empty }

public sealed record StatusHook(StatusTarget Target, int N, string Status, string? ErrorCode, OutboxParam Outbox) : FuzzHook
{
    public override string ToString() =>
        $"status {FuzzText.Show(Status)} for {Target}#{N}" + (ErrorCode is null ? "" : $" error {FuzzText.Show(ErrorCode)}")
        + (Outbox == OutboxParam.None ? "" : $", outbox={Outbox}");
}

public sealed record FuzzCase(IReadOnlyList<FuzzHook> Hooks)
{
    public override string ToString() =>
        $"{Hooks.Count} webhooks:" + string.Concat(Hooks.Select((h, i) => $"{Environment.NewLine}  [{i}] {h}"));

    /// <summary>
    /// Halves first, then ever smaller slices, then one hook at a time made plainer: a run costs up to a second, so a
    /// counterexample of 100 hooks shrinks in tens of runs, not thousands. Stops offering smaller cases after the budget.
    /// </summary>
    public IEnumerable<FuzzCase> Shrink(Func<bool> withinBudget)
    {
        for (var slice = Hooks.Count / 2; slice >= 1; slice /= 2)
        {
            for (var start = 0; start < Hooks.Count; start += slice)
            {
                if (!withinBudget())
                {
                    yield break;
                }

                yield return new FuzzCase([.. Hooks.Take(start), .. Hooks.Skip(start + slice)]);
            }
        }

        for (var i = 0; i < Hooks.Count; i++)
        {
            foreach (var plainer in Plainer(Hooks[i]))
            {
                if (!withinBudget())
                {
                    yield break;
                }

                yield return new FuzzCase([.. Hooks.Take(i), plainer, .. Hooks.Skip(i + 1)]);
            }
        }
    }

    private static IEnumerable<FuzzHook> Plainer(FuzzHook hook)
    {
        if (hook is StatusHook status)
        {
            foreach (var plainer in Plainer(status))
            {
                yield return plainer;
            }

            yield break;
        }

        var message = (MessageHook)hook;

        for (var e = 0; e < message.Edits.Count; e++)
        {
            yield return message with { Edits = [.. message.Edits.Take(e), .. message.Edits.Skip(e + 1)] };
        }

        if (message.Lane != 0)
        {
            yield return message with { Lane = 0 };
        }

        if (message.Body.Value != "hoi")
        {
            yield return message with { Body = new FuzzText("hoi") };
        }
    }

    private static IEnumerable<StatusHook> Plainer(StatusHook status)
    {
        if (status.ErrorCode is not null)
        {
            yield return status with { ErrorCode = null };
        }

        if (status.Outbox != OutboxParam.None)
        {
            yield return status with { Outbox = OutboxParam.None };
        }

        if (status.N != 0)
        {
            yield return status with { N = 0 };
        }

        if (status.Status != "delivered")
        {
            yield return status with { Status = "delivered" };
        }
    }
}
