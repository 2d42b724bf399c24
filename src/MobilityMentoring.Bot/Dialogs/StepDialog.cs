using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Conversations;
using MobilityMentoring.Bot.Dialogs.Understanding;

namespace MobilityMentoring.Bot.Dialogs;

/// <summary>
/// A mini-step: one small action in the client's words, a day and a part of the day, repeated back in one line
/// and saved only when the client confirms it. Also plans the same step on another day, or a smaller one.
/// </summary>
public sealed class StepDialog(DayParser days, StepWording wording, Understanding.Understanding understanding, NotUnderstood notUnderstood) : IDialog
{
    private static readonly string[] AnswerWords = ["done", "yes", "no"];

    public const string DialogId = "step";
    public const string GoalValue = "goal";
    public const string ModeValue = "mode";
    public const string StepValue = "step";

    /// <summary>The question was asked already, at the end of another message ("… Wat is je volgende kleine stap?").</summary>
    public const string AskedValue = "asked";

    public const string ModeFirst = "first";
    public const string ModeNext = "next";
    public const string ModeSmaller = "smaller";
    public const string ModeRetry = "retry";

    public string Id => DialogId;

    public async Task<DialogStatus> BeginAsync(DialogContext dialog, CancellationToken cancellationToken)
    {
        var mode = dialog.GetString(ModeValue) ?? ModeNext;
        if (mode == ModeRetry && await ExistingStepAsync(dialog, cancellationToken) is { } existing)
        {
            dialog.Values["text"] = existing.Text;
            dialog.Values["part"] = existing.DuePart?.ToString();
            return await dialog.AskAsync("checkin.notdone", "when", null, cancellationToken);
        }

        if (dialog.GetBool(AskedValue) == true)
        {
            dialog.Step = "text";
            return DialogStatus.Waiting;
        }

        return await AskTextAsync(dialog, mode switch { ModeFirst => "step.ask", ModeSmaller => "step.smaller", _ => "step.next" }, cancellationToken);
    }

    public async Task<DialogStatus> ContinueAsync(DialogContext dialog, CancellationToken cancellationToken)
    {
        switch (dialog.Step)
        {
            case "text":
                var text = dialog.Turn.Activity.Text?.Trim() ?? "";
                if (dialog.Utterance.IsEmpty || IsNoStep(dialog))
                {
                    return await AskTextAsync(dialog, "step.next", cancellationToken);
                }

                dialog.Values["text"] = text.Length > 500 ? text[..500] : text;
                return dialog.GetString("date") is null
                    ? await dialog.AskAsync("step.when", "when", null, cancellationToken)
                    : await ConfirmAsync(dialog, cancellationToken);

            case "when":
                return await ReadDayAsync(dialog, cancellationToken);

            case "weekend":
                var today = dialog.Turn.Client!.Today(dialog.Turn.Now);
                var day = dialog.Choice == "day.sunday" ? DayOfWeek.Sunday : DayOfWeek.Saturday;
                return await AcceptDayAsync(dialog, DayParser.NextOrSame(today, day), null, cancellationToken);

            case "part":
                dialog.Values["part"] = StepWording.PartOf(dialog.Choice)?.ToString();
                return await ConfirmAsync(dialog, cancellationToken);

            case "confirm" when dialog.Choice == "yes":
                return await SaveAsync(dialog, cancellationToken);

            case "confirm":
                return await dialog.AskAsync("step.change", "change", null, cancellationToken, "change.step", "change.day", "change.part");

            case "change" when dialog.Choice == "change.step":
                return await dialog.AskAsync("step.again", "text", null, cancellationToken);

            case "change" when dialog.Choice == "change.day":
                dialog.Values.Remove("date");
                return await dialog.AskAsync("step.when", "when", null, cancellationToken);

            case "change":
                return await AskPartAsync(dialog, cancellationToken);

            default:
                return await BeginAsync(dialog, cancellationToken);
        }
    }

    private async Task<DialogStatus> ReadDayAsync(DialogContext dialog, CancellationToken cancellationToken)
    {
        var client = dialog.Turn.Client!;
        var today = client.Today(dialog.Turn.Now);
        var answer = days.Read(dialog.Turn.Activity.Text ?? "", today);
        if (answer.Weekend)
        {
            return await dialog.AskAsync("step.when.weekend", "weekend", null, cancellationToken, "day.saturday", "day.sunday");
        }

        if (answer.Date is not { } date)
        {
            return await notUnderstood.ReplyAsync(dialog, cancellationToken);
        }

        if (date < today)
        {
            await dialog.SayAsync("day.past", null, cancellationToken);
            return DialogStatus.Waiting;
        }

        return await AcceptDayAsync(dialog, date, answer.Part, cancellationToken);
    }

    private async Task<DialogStatus> AcceptDayAsync(DialogContext dialog, DateOnly date, DayPart? named, CancellationToken cancellationToken)
    {
        var client = dialog.Turn.Client!;
        dialog.Values["date"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // The part of the day the client named, else the one they like best (asked at onboarding): the confirm line
        // repeats it, so one question fewer and still easy to change.
        if ((named ?? ClientClock.PartOf(client.PreferredTime)) is { } part)
        {
            dialog.Values["part"] = part.ToString();
        }

        return dialog.GetString("part") is null ? await AskPartAsync(dialog, cancellationToken) : await ConfirmAsync(dialog, cancellationToken);
    }

    private static Task<DialogStatus> AskPartAsync(DialogContext dialog, CancellationToken cancellationToken) =>
        dialog.AskAsync("step.part", "part", null, cancellationToken, "morning", "afternoon", "evening");

    private Task<DialogStatus> ConfirmAsync(DialogContext dialog, CancellationToken cancellationToken)
    {
        var (date, part) = Planned(dialog);
        return dialog.AskAsync("step.confirm", "confirm", new Dictionary<string, string>
        {
            ["step"] = dialog.GetString("text") ?? "",
            ["when"] = wording.When(date, part, dialog.Turn.Client!.Language),
        }, cancellationToken, "yes", "no");
    }

    private static async Task<DialogStatus> SaveAsync(DialogContext dialog, CancellationToken cancellationToken)
    {
        var turn = dialog.Turn;
        var (date, part) = Planned(dialog);
        var existing = await ExistingStepAsync(dialog, cancellationToken);
        if (dialog.GetString(ModeValue) == ModeRetry && existing is not null)
        {
            existing.DueDate = date;
            existing.DuePart = part;
            existing.Status = StepStatus.Active;
        }
        else
        {
            if (existing is not null)
            {
                existing.Status = StepStatus.Dropped; // replaced by a smaller step
            }

            var goalId = dialog.GetInt(GoalValue) ?? existing?.GoalId
                ?? throw new InvalidOperationException("A step needs a goal.");
            turn.Db.Steps.Add(new Step
            {
                GoalId = goalId, Text = dialog.GetString("text") ?? "", DueDate = date, DuePart = part, Status = StepStatus.Active,
                Position = await turn.Db.Steps.CountAsync(s => s.GoalId == goalId, cancellationToken), CreatedAt = turn.Now,
            });
        }

        await dialog.SayAsync("step.saved", new Dictionary<string, string>
        {
            ["day"] = ClientClock.FormatDay(date, turn.Client!.Language),
        }, cancellationToken);
        return DialogStatus.Complete;
    }

    private Task<DialogStatus> AskTextAsync(DialogContext dialog, string key, CancellationToken cancellationToken)
    {
        var pillar = dialog.GetInt("pillar") is { } p ? (BridgePillar?)p : null;
        return dialog.AskAsync(key, "text", new Dictionary<string, string>
        {
            ["example"] = wording.Example(pillar, dialog.Turn.Client!.Language),
        }, cancellationToken);
    }

    /// <summary>"1", "gedaan" or 👍 is an answer to the last question, not a step ("done" sent twice).</summary>
    private bool IsNoStep(DialogContext dialog) =>
        dialog.Utterance.LeadingNumber is not null && dialog.Utterance.Tokens.Count == 1
        || dialog.Utterance.Tokens.Count <= 2 && understanding.Choose(dialog.Utterance, AnswerWords) is not null;

    private static (DateOnly Date, DayPart? Part) Planned(DialogContext dialog) => (
        DateOnly.ParseExact(dialog.GetString("date")!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        Enum.TryParse<DayPart>(dialog.GetString("part"), out var part) ? part : null);

    private static async Task<Step?> ExistingStepAsync(DialogContext dialog, CancellationToken cancellationToken) =>
        dialog.GetInt(StepValue) is { } id ? await dialog.Turn.Db.Steps.FindAsync([id], cancellationToken) : null;
}
