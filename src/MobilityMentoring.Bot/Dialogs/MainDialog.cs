using MobilityMentoring.Bot.Conversations;

namespace MobilityMentoring.Bot.Dialogs;

/// <summary>Where a client's message lands when no other dialog waits for an answer.</summary>
public sealed class MainDialog(DialogContent content) : IDialog
{
    public string Id => "main";

    public async Task<DialogStatus> BeginAsync(DialogContext dialog, CancellationToken cancellationToken)
    {
        await dialog.Turn.ReplyAsync(content, "fallback", dialog.Turn.StandardArguments(), cancellationToken: cancellationToken);
        return DialogStatus.Complete;
    }

    public Task<DialogStatus> ContinueAsync(DialogContext dialog, CancellationToken cancellationToken) =>
        BeginAsync(dialog, cancellationToken);
}
