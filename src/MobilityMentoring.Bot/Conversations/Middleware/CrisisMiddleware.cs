using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Dialogs;
using MobilityMentoring.Bot.Dialogs.Safety;

namespace MobilityMentoring.Bot.Conversations.Middleware;

/// <summary>
/// The safety net, before anything else: a message about suicide, self-harm or violence gets, in this same turn,
/// the helplines (113, 0800-0113, 112; Veilig Thuis for violence), an urgent flag for the mentor, and check-ins
/// stop until the mentor has handled the flag. Also for a client who opted out, and for a number we do not know:
/// an answer to their own words, not a nudge. The bot never promises secrecy.
/// </summary>
public sealed class CrisisMiddleware(DialogContent content, CrisisNet net) : IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turn, NextDelegate next, CancellationToken cancellationToken)
    {
        if (turn.Activity.Type != ActivityTypes.Message || net.Detect(turn.Activity.Text) is not { } signal)
        {
            await next(cancellationToken);
            return;
        }

        if (turn.Client is { } client)
        {
            // Raised every time: each crisis message is a moment the mentor must see.
            turn.Db.Flags.Add(new Flag { ClientId = client.Id, Kind = FlagKind.Crisis, Note = CrisisSignal.KeyOf(signal.Kind), RaisedAt = turn.Now });
        }

        await turn.ReplyAsync(content, signal.MessageKey, turn.StandardArguments(), new OutboundDetails(SendEvenIfOptedOut: true), cancellationToken);
    }
}
