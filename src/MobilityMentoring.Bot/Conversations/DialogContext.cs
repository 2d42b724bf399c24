using System.Text.Json.Nodes;

namespace MobilityMentoring.Bot.Conversations;

/// <summary>The active dialog's view of a turn: the turn itself, where the dialog is, and its saved values.</summary>
public sealed class DialogContext
{
    private readonly IReadOnlyDictionary<string, IDialog> dialogs;
    private readonly ConversationState state;

    internal DialogContext(ITurnContext turn, ConversationState state, IReadOnlyDictionary<string, IDialog> dialogs)
    {
        Turn = turn;
        this.state = state;
        this.dialogs = dialogs;
        Values = JsonNode.Parse(state.Data) as JsonObject ?? [];
    }

    public ITurnContext Turn { get; }

    public string? ActiveDialog => state.Dialog;

    /// <summary>Where in the active dialog the client is, e.g. "ask-day".</summary>
    public string? Step
    {
        get => state.DialogStep;
        set => state.DialogStep = value;
    }

    /// <summary>The active dialog's own values, saved with the conversation state at the end of the turn.</summary>
    public JsonObject Values { get; private set; }

    /// <summary>Replaces the active dialog with <paramref name="dialogId"/> and begins it.</summary>
    public Task<DialogStatus> BeginDialogAsync(string dialogId, CancellationToken cancellationToken)
    {
        var dialog = dialogs.GetValueOrDefault(dialogId)
            ?? throw new InvalidOperationException($"No dialog with id '{dialogId}' is registered.");
        state.Dialog = dialogId;
        state.DialogStep = null;
        Values = [];
        return dialog.BeginAsync(this, cancellationToken);
    }

    internal void Save(DialogStatus status, DateTimeOffset now)
    {
        if (status == DialogStatus.Complete)
        {
            state.Dialog = null;
            state.DialogStep = null;
            Values = [];
        }

        state.Data = Values.ToJsonString();
        state.Version++;
        state.UpdatedAt = now;
    }
}
