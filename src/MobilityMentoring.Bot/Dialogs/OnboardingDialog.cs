using Microsoft.Extensions.Options;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Conversations;

namespace MobilityMentoring.Bot.Dialogs;

/// <summary>
/// A newcomer's first talk: the bot says it is a computer working with their mentor (named), asks consent in one
/// message with a link, offers the other language, then asks the best part of the day for questions; then a goal.
/// </summary>
public sealed class OnboardingDialog(IOptions<DialogOptions> options) : IDialog
{
    public const string DialogId = "onboarding";

    /// <summary>Set once the one gentle retry went out (see <see cref="OnboardingJob"/>).</summary>
    public const string RetriedValue = "retried";

    public string Id => DialogId;

    public async Task<DialogStatus> BeginAsync(DialogContext dialog, CancellationToken cancellationToken) =>
        await AskConsentAsync(dialog, dialog.GetBool(RetriedValue) == true ? "onboarding.retry" : "onboarding.welcome", cancellationToken);

    public async Task<DialogStatus> ContinueAsync(DialogContext dialog, CancellationToken cancellationToken)
    {
        var turn = dialog.Turn;
        var client = turn.Client!;
        switch (dialog.Step, dialog.Choice)
        {
            case ("consent", "yes"):
                client.ConsentAt = turn.Now;
                await RecordAnswerAsync(dialog, ConsentAnswer.Given, cancellationToken);
                return await dialog.AskAsync("onboarding.time", "time", null, cancellationToken, "morning", "afternoon", "evening");

            case ("consent", "no"):
                // No consent, no messages: the same silence as STOP (after this last answer), and START still works.
                await RecordAnswerAsync(dialog, ConsentAnswer.Declined, cancellationToken);
                await dialog.SayAsync("onboarding.declined", null, cancellationToken);
                client.OptedOutAt = turn.Now;
                client.OptedOutVia = ChannelIds.ToChannel(turn.Activity.ChannelId);
                return DialogStatus.Complete;

            case ("consent", "english" or "dutch"):
                client.Language = dialog.Choice == "english" ? "en" : "nl";
                return await AskConsentAsync(dialog, "onboarding.welcome", cancellationToken);

            case ("time", _) when StepWording.PartOf(dialog.Choice) is { } part:
                client.PreferredTime = Coaching.ClientClock.TimeOf(part);
                return await dialog.BeginDialogAsync(GoalDialog.DialogId, cancellationToken);

            default:
                return await dialog.BeginDialogAsync(DialogId, cancellationToken);
        }
    }

    /// <summary>The consent question; its third answer switches language (English in Dutch, Nederlands in English).</summary>
    public async Task<DialogStatus> AskConsentAsync(DialogContext dialog, string key, CancellationToken cancellationToken)
    {
        var client = dialog.Turn.Client!;
        var programme = await dialog.Turn.Db.Programmes.FindAsync([client.ProgrammeId], cancellationToken);
        var link = ConsentEvidence.InfoLink(programme, options.Value);
        var other = client.Language == "en" ? "dutch" : "english";
        if (link.Length == 0 && key == "onboarding.welcome")
        {
            key = "onboarding.welcome.nolink"; // no page to point to: INFO explains instead
        }

        return await dialog.AskAsync(key, "consent", new Dictionary<string, string> { ["link"] = link }, cancellationToken, "yes", "no", other);
    }

    /// <summary>The evidence names the question as it was asked: its key, the language and the link it showed.</summary>
    private static Task RecordAnswerAsync(DialogContext dialog, ConsentAnswer answer, CancellationToken cancellationToken)
    {
        var (key, arguments) = dialog.LastQuestion ?? ("onboarding.welcome", new Dictionary<string, string>());
        return dialog.Turn.RecordConsentAsync(answer, key, arguments.GetValueOrDefault("link"), null, cancellationToken);
    }
}
