using MobilityMentoring.Bot.Conversations;

namespace MobilityMentoring.Bot.Dialogs;

/// <summary>TAAL / LANGUAGE: which language the bot writes in from now on.</summary>
public sealed class LanguageDialog : IDialog
{
    public const string DialogId = "language";

    public string Id => DialogId;

    public Task<DialogStatus> BeginAsync(DialogContext dialog, CancellationToken cancellationToken) =>
        dialog.AskAsync("command.language", "language", null, cancellationToken, "dutch", "english");

    public async Task<DialogStatus> ContinueAsync(DialogContext dialog, CancellationToken cancellationToken)
    {
        dialog.Turn.Client!.Language = dialog.Choice == "english" ? "en" : "nl";
        await dialog.SayAsync("language.set", null, cancellationToken);
        return DialogStatus.Complete;
    }
}
