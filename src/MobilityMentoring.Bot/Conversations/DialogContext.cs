using System.Text.Json.Nodes;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Dialogs;
using MobilityMentoring.Bot.Dialogs.Understanding;

namespace MobilityMentoring.Bot.Conversations;

/// <summary>The active dialog's view of a turn: the turn itself, where the dialog is, and its saved values.</summary>
public sealed class DialogContext
{
    private const string ChoicesValue = "_choices";
    private const string AskedValue = "_asked";
    private const string AskedArgumentsValue = "_askedArguments";

    /// <summary>How often the client's answer to the waiting question was not understood.</summary>
    public const string MissesValue = "_misses";

    private readonly IReadOnlyDictionary<string, IDialog> dialogs;
    private readonly ConversationState state;
    private readonly DialogContent content;

    internal DialogContext(
        ITurnContext turn, ConversationState state, JsonObject values, IReadOnlyDictionary<string, IDialog> dialogs, DialogContent content)
    {
        Turn = turn;
        this.state = state;
        this.dialogs = dialogs;
        this.content = content;
        Values = values;
        Utterance = turn.Utterance(content);
    }

    public ITurnContext Turn { get; }

    /// <summary>The client's message, read for meaning (empty in a proactive turn).</summary>
    public Utterance Utterance { get; }

    public string? ActiveDialog => state.Dialog;

    /// <summary>Where in the active dialog the client is, e.g. "when".</summary>
    public string? Step
    {
        get => state.DialogStep;
        set => state.DialogStep = value;
    }

    /// <summary>The active dialog's own values, saved with the conversation state at the end of the turn.</summary>
    public JsonObject Values { get; private set; }

    /// <summary>The numbered answers (intents) the last question offered; empty when it asked for free text.</summary>
    public IReadOnlyList<string> ExpectedChoices =>
        Values[ChoicesValue] is JsonArray choices
            ? [.. choices.OfType<JsonValue>().Select(c => c.TryGetValue<string>(out var choice) ? choice : null).OfType<string>()]
            : [];

    /// <summary>The message key of the question the client is answering, and what filled its placeholders.</summary>
    public (string Key, Dictionary<string, string> Arguments)? LastQuestion =>
        GetString(AskedValue) is { } key
            ? (key, (Values[AskedArgumentsValue] as JsonObject ?? []).ToDictionary(
                a => a.Key, a => a.Value is JsonValue value && value.TryGetValue<string>(out var text) ? text : "", StringComparer.Ordinal))
            : null;

    /// <summary>The answer the client picked from <see cref="ExpectedChoices"/>, when the runtime recognised one.</summary>
    public string? Choice { get; internal set; }

    /// <summary>Sends <paramref name="key"/> and waits at <paramref name="step"/> for one of <paramref name="choices"/> (none: free text).</summary>
    public async Task<DialogStatus> AskAsync(
        string key, string step, IReadOnlyDictionary<string, string>? arguments, CancellationToken cancellationToken, params string[] choices)
    {
        await SayAsync(key, arguments, cancellationToken);
        Step = step;
        Values[ChoicesValue] = choices.Length == 0 ? null : new JsonArray([.. choices.Select(c => JsonValue.Create(c))]);
        Values[AskedValue] = key;
        Values[AskedArgumentsValue] = new JsonObject(
            (arguments ?? new Dictionary<string, string>()).Select(a => KeyValuePair.Create(a.Key, (JsonNode?)JsonValue.Create(a.Value))));
        Values.Remove(MissesValue);
        return DialogStatus.Waiting;
    }

    /// <summary>Sends <paramref name="key"/> with the standard arguments (mentor, name) and <paramref name="arguments"/>.</summary>
    public Task SayAsync(string key, IReadOnlyDictionary<string, string>? arguments, CancellationToken cancellationToken)
    {
        var all = Turn.StandardArguments();
        foreach (var (name, value) in arguments ?? new Dictionary<string, string>())
        {
            all[name] = value;
        }

        // A turn the bot started (a check-in, a retry) goes out as bot-started: WhatsApp template rules apply.
        var origin = Turn.Activity.Type == ActivityTypes.Event ? MessageOrigin.Proactive : MessageOrigin.Reply;
        return Turn.ReplyAsync(content, key, all, new OutboundDetails(origin), cancellationToken);
    }

    /// <summary>Replaces the active dialog with <paramref name="dialogId"/> and begins it with <paramref name="values"/>.</summary>
    public Task<DialogStatus> BeginDialogAsync(string dialogId, CancellationToken cancellationToken, JsonObject? values = null)
    {
        var dialog = dialogs.GetValueOrDefault(dialogId)
            ?? throw new InvalidOperationException($"No dialog with id '{dialogId}' is registered.");
        state.Dialog = dialogId;
        state.DialogStep = null;
        Values = values ?? [];
        return dialog.BeginAsync(this, cancellationToken);
    }

    /// <summary>A saved value; null when it is missing or of another kind (see <see cref="DialogValues"/>).</summary>
    public int? GetInt(string name) => Values.GetInt(name);

    public string? GetString(string name) => Values.GetString(name);

    public bool? GetBool(string name) => Values.GetBool(name);

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
