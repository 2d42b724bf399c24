using Microsoft.Extensions.Options;
using MobilityMentoring.Bot.Channels;

namespace MobilityMentoring.Bot.Conversations;

public sealed class DialogOptions
{
    public const string Section = "Dialogs";

    /// <summary>The dialog a message starts when no dialog is waiting for an answer.</summary>
    public string RootDialog { get; set; } = "main";

    /// <summary>Folder with the content (messages, keywords) per language. Empty: the dialogs/ folder shipped with the service.</summary>
    public string? Directory { get; set; }
}

/// <summary>The bot for client messages: loads the client's conversation state, runs the active dialog, saves the state.</summary>
public sealed class DialogRuntime(IEnumerable<IDialog> dialogs, IOptions<DialogOptions> options) : IBot
{
    private readonly Dictionary<string, IDialog> byId = dialogs.ToDictionary(d => d.Id, StringComparer.Ordinal);

    public async Task OnTurnAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.Client is not { } client || turn.Activity.Type != ActivityTypes.Message)
        {
            return;
        }

        var state = await turn.Db.ConversationStates.FindAsync([client.Id], cancellationToken);
        if (state is null)
        {
            state = new ConversationState { ClientId = client.Id };
            turn.Db.ConversationStates.Add(state);
        }

        var dialog = new DialogContext(turn, state, byId);
        var status = state.Dialog is { } active && byId.TryGetValue(active, out var waiting)
            ? await waiting.ContinueAsync(dialog, cancellationToken)
            : await dialog.BeginDialogAsync(options.Value.RootDialog, cancellationToken);
        dialog.Save(status, turn.Now);
    }
}
