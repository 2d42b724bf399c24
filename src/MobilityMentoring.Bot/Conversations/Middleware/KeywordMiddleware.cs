using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Dialogs;
using MobilityMentoring.Bot.Dialogs.Understanding;

namespace MobilityMentoring.Bot.Conversations.Middleware;

/// <summary>
/// STOP and START work in every state and every language, also in plain words ("ik wil geen berichten meer",
/// "stop alsjeblieft"). After STOP the client gets one confirmation and nothing else until START. (HELP and the other commands are the dialog runtime's: a check-in's "3 Hulp" comes first.) Twilio enforces English opt-out words on SMS itself; on WhatsApp and for the Dutch
/// words (AFMELDEN, AANMELDEN, HULP) this is the only guard.
/// </summary>
public sealed class KeywordMiddleware(DialogContent content, Understanding understanding) : IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turn, NextDelegate next, CancellationToken cancellationToken)
    {
        if (turn.Activity.Type != ActivityTypes.Message || turn.Client is not { } client)
        {
            await next(cancellationToken);
            return;
        }

        var command = understanding.OptInOrOut(turn.Utterance(content));
        if (command == "stop")
        {
            if (client.OptedOutAt is null)
            {
                client.OptedOutAt = turn.Now;
                client.OptedOutVia = ChannelIds.ToChannel(turn.Activity.ChannelId);
                turn.Db.Flags.Add(new Flag { ClientId = client.Id, Kind = FlagKind.OptedOut, RaisedAt = turn.Now });
                await turn.RecordConsentAsync(ConsentAnswer.Withdrawn, "STOP", null, client.ConsentVersion, cancellationToken);
                await turn.ReplyAsync(content, "optout.confirmed", turn.StandardArguments(),
                    new OutboundDetails(SendEvenIfOptedOut: true), cancellationToken);
            }

            return;
        }

        if (client.OptedOutAt is not null)
        {
            if (command == "start")
            {
                client.OptedOutAt = null;
                client.OptedOutVia = null;
                if (client.ConsentAt is not null)
                {
                    // Back to what they agreed to before; one who never agreed is asked the consent question next.
                    await turn.RecordConsentAsync(ConsentAnswer.Given, "START", null, client.ConsentVersion, cancellationToken);
                }

                await turn.ReplyAsync(content, "optin.confirmed", turn.StandardArguments(), cancellationToken: cancellationToken);
            }

            // Opted out: the message is kept for the mentor, the bot stays silent.
            return;
        }

        await next(cancellationToken);
    }

}

/// <summary>A whole message read as one command word: trimmed, upper case, without surrounding punctuation.</summary>
public static class Keyword
{
    /// <summary>A join keyword as typed, upper case, without surrounding punctuation or invisible marks (a right-to-left mark).</summary>
    public static string Normalize(string? text) =>
        TypedText.ForReading(text).Trim().Trim('.', '!', '?', ',', ';', ':', '"', '\'', ' ').ToUpperInvariant();
}
