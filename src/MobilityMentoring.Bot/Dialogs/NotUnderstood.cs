using System.Text.RegularExpressions;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Conversations;

namespace MobilityMentoring.Bot.Dialogs;

/// <summary>
/// What the bot does when it cannot read an answer ("Hoi", "?", "wat?", a word it does not know). Never "Sorry,
/// dat snap ik niet" first: the first time it asks the same question again, friendlier ("{question}.again" in
/// dialogs/); the second time it offers the numbered choices and MENTOR ("{question}.help", else "not.understood");
/// the third time it asks the mentor to get in touch (a help flag: stuck on a question); after that it stops asking,
/// and a good answer still goes on from the same question.
/// </summary>
public sealed partial class NotUnderstood(DialogContent content)
{
    public async Task<DialogStatus> ReplyAsync(DialogContext dialog, CancellationToken cancellationToken)
    {
        var turn = dialog.Turn;
        var misses = (dialog.GetInt(DialogContext.MissesValue) ?? 0) + 1;
        dialog.Values[DialogContext.MissesValue] = misses;
        // A conversation saved before questions were remembered has no last question: the generic lines then.
        var (key, arguments) = dialog.LastQuestion ?? ("", new Dictionary<string, string>());
        var language = turn.Client?.Language;
        switch (misses)
        {
            case 1:
                await dialog.SayAsync(content.HasMessage(language, key + ".again") ? key + ".again" : "again", arguments, cancellationToken);
                return DialogStatus.Waiting;

            case 2 when content.HasMessage(language, key + ".help"):
                await dialog.SayAsync(key + ".help", arguments, cancellationToken);
                return DialogStatus.Waiting;

            case 2:
                arguments["choices"] = Choices(key.Length > 0 && content.HasMessage(language, key) ? content.Render(language, key, arguments) : "");
                await dialog.SayAsync("not.understood", arguments, cancellationToken);
                return DialogStatus.Waiting;

            case 3:
                await turn.Db.RaiseFlagAsync(turn.Client!.Id, FlagKind.Help, $"stuck on a question: {key}", turn.Now, cancellationToken);
                await dialog.SayAsync("mentor.asked", null, cancellationToken);
                return DialogStatus.Waiting;

            default:
                // The mentor has been asked: no more loops. A good answer later still goes on from here.
                return DialogStatus.Waiting;
        }
    }

    /// <summary>"… Doe je mee? 1 Ja 2 Nee 3 English" → "1 Ja 2 Nee 3 English".</summary>
    private static string Choices(string question) =>
        NumberedChoices().Match(question) is { Success: true } match ? match.Value.Trim() : "1, 2, 3";

    [GeneratedRegex(@"(?<=^|\s)1 \S.*$")]
    private static partial Regex NumberedChoices();
}
