using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Dialogs;
using MobilityMentoring.Bot.Dialogs.Understanding;

namespace MobilityMentoring.Bot.Conversations;

public static class TurnContextExtensions
{
    private const string UtteranceKey = "utterance";

    /// <summary>The client's message read for meaning, once per turn: the crisis net, the keywords and the dialogs share it.</summary>
    public static Utterance Utterance(this ITurnContext turn, DialogContent content)
    {
        if (!turn.TurnState.TryGetValue(UtteranceKey, out var read))
        {
            read = content.Read(turn.Activity.Text);
            turn.TurnState[UtteranceKey] = read;
        }

        return (Utterance)read;
    }

    /// <summary>Replies with the message <paramref name="key"/> from dialogs/, in the client's language.</summary>
    public static Task ReplyAsync(
        this ITurnContext turn,
        DialogContent content,
        string key,
        IReadOnlyDictionary<string, string>? arguments = null,
        OutboundDetails? details = null,
        CancellationToken cancellationToken = default) =>
        turn.ReplyInAsync(turn.Client?.Language, content, key, arguments, details, cancellationToken);

    /// <summary>Replies with the message <paramref name="key"/> in <paramref name="language"/> (the client's when null).</summary>
    public static Task ReplyInAsync(
        this ITurnContext turn,
        string? language,
        DialogContent content,
        string key,
        IReadOnlyDictionary<string, string>? arguments = null,
        OutboundDetails? details = null,
        CancellationToken cancellationToken = default)
    {
        var text = content.Render(language ?? turn.Client?.Language, key, arguments);
        var reply = turn.Activity.CreateReply(text, turn.Now) with
        {
            ChannelData = (details ?? new OutboundDetails()) with { ContentKey = key, ContentArguments = arguments },
        };
        return turn.SendAsync(reply, cancellationToken);
    }

    /// <summary>The arguments every message may use: the mentor's first name and the client's.</summary>
    public static Dictionary<string, string> StandardArguments(this ITurnContext turn) => new()
    {
        ["mentor"] = turn.Client?.Mentor?.FirstName ?? "",
        ["name"] = turn.Client?.FirstName ?? "",
    };
}
