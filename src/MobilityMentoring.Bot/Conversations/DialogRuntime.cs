using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Dialogs;
using MobilityMentoring.Bot.Dialogs.Understanding;

namespace MobilityMentoring.Bot.Conversations;

/// <summary>
/// The bot for client messages: loads the client's conversation state, and gives the message to, in this order,
/// the waiting question when it is one of its numbered answers, then the commands (STAP, PUNTEN, PAUZE …), then the
/// active dialog (or the root dialog). A numbered question that gets something else is asked again, kindly
/// (<see cref="NotUnderstood"/>).
/// </summary>
public sealed partial class DialogRuntime(
    IEnumerable<IDialog> dialogs, ClientCommands commands, NotUnderstood notUnderstood, DialogContent content, Understanding understanding,
    IOptions<DialogOptions> options, ILogger<DialogRuntime> log)
    : IBot
{
    public const string UnreadableStateNote = "The bot lost track of this conversation and started afresh; please read the transcript.";

    private readonly Dictionary<string, IDialog> byId = dialogs.ToDictionary(d => d.Id, StringComparer.Ordinal);

    public async Task OnTurnAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.Client is null || turn.Activity.Type != ActivityTypes.Message)
        {
            return;
        }

        var (dialog, waiting) = await LoadAsync(turn, cancellationToken);
        var choices = dialog.ExpectedChoices;
        if (waiting is not null && choices.Count > 0 && understanding.Choose(dialog.Utterance, choices, turn.Client.Mentor?.FirstName) is { } choice)
        {
            dialog.Choice = choice;
            dialog.Save(await waiting.ContinueAsync(dialog, cancellationToken), turn.Now);
            return;
        }

        // A question that waits for the client's own words (a step, a goal) takes command words only.
        var plainWords = waiting is null || choices.Count > 0;
        if (await commands.TryHandleAsync(dialog, plainWords, cancellationToken) is { } commandStatus)
        {
            dialog.Save(commandStatus == DialogStatus.Complete && waiting is not null ? DialogStatus.Waiting : commandStatus, turn.Now);
            return;
        }

        DialogStatus status;
        if (waiting is null)
        {
            status = await dialog.BeginDialogAsync(options.Value.RootDialog, cancellationToken);
        }
        else if (choices.Count > 0)
        {
            status = await notUnderstood.ReplyAsync(dialog, cancellationToken);
        }
        else
        {
            status = await waiting.ContinueAsync(dialog, cancellationToken);
        }

        dialog.Save(status, turn.Now);
    }

    /// <summary>Begins <paramref name="dialogId"/> in a turn the bot started (a check-in, a retry), replacing any waiting dialog.</summary>
    public async Task BeginAsync(ITurnContext turn, string dialogId, JsonObject? values, CancellationToken cancellationToken)
    {
        var (dialog, _) = await LoadAsync(turn, cancellationToken);
        dialog.Save(await dialog.BeginDialogAsync(dialogId, cancellationToken, values), turn.Now);
    }

    private async Task<(DialogContext Dialog, IDialog? Waiting)> LoadAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        var clientId = turn.Client!.Id;
        var state = await turn.Db.ConversationStates.FindAsync([clientId], cancellationToken);
        if (state is null)
        {
            state = new ConversationState { ClientId = clientId };
            turn.Db.ConversationStates.Add(state);
        }

        var values = DialogValues.Read(state.Data);
        if (values is null)
        {
            // Unreadable, it would fail this message and every later one (and the sweeper would give up on each): the
            // client is answered as if no question were waiting, and the mentor hears of it once.
            LogUnreadableState(clientId);
            (state.Dialog, state.DialogStep, state.Data, values) = (null, null, "{}", []);
            await turn.Db.RaiseOrNoteFlagAsync(clientId, FlagKind.Help, UnreadableStateNote, turn.Now, cancellationToken);
        }

        var dialog = new DialogContext(turn, state, values, byId, content);
        var waiting = state.Dialog is { } active ? byId.GetValueOrDefault(active) : null;
        return (dialog, waiting);
    }

    [LoggerMessage(LogLevel.Error, "The conversation state of client {ClientId} could not be read; the dialog starts afresh")]
    private partial void LogUnreadableState(int clientId);
}
