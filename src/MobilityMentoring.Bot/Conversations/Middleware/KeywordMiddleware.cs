using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Dialogs;

namespace MobilityMentoring.Bot.Conversations.Middleware;

/// <summary>
/// STOP and START work in every state and every language. After STOP the client gets one confirmation and
/// nothing else until START. (HELP and the other commands are the dialog runtime's: a check-in's "3 Hulp" comes first.) Twilio enforces English opt-out words on SMS itself; on WhatsApp and for the Dutch
/// words (AFMELDEN, AANMELDEN, HULP) this is the only guard.
/// </summary>
public sealed class KeywordMiddleware(DialogContent content) : IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turn, NextDelegate next, CancellationToken cancellationToken)
    {
        if (turn.Activity.Type != ActivityTypes.Message || turn.Client is not { } client)
        {
            await next(cancellationToken);
            return;
        }

        var word = Keyword.Normalize(turn.Activity.Text);
        if (Matches("stop", word))
        {
            if (client.OptedOutAt is null)
            {
                client.OptedOutAt = turn.Now;
                client.OptedOutVia = ChannelIds.ToChannel(turn.Activity.ChannelId);
                turn.Db.Flags.Add(new Flag { ClientId = client.Id, Kind = FlagKind.OptedOut, RaisedAt = turn.Now });
                await turn.ReplyAsync(content, "optout.confirmed", turn.StandardArguments(),
                    new OutboundDetails(SendEvenIfOptedOut: true), cancellationToken);
            }

            return;
        }

        if (client.OptedOutAt is not null)
        {
            if (Matches("start", word))
            {
                client.OptedOutAt = null;
                client.OptedOutVia = null;
                await turn.ReplyAsync(content, "optin.confirmed", turn.StandardArguments(), cancellationToken: cancellationToken);
            }

            // Opted out: the message is kept for the mentor, the bot stays silent.
            return;
        }

        await next(cancellationToken);
    }

    private bool Matches(string intent, string word) =>
        word.Length > 0 && content.KeywordsInAnyLanguage(intent).Contains(word, StringComparer.Ordinal);
}

/// <summary>A whole message read as one command word: trimmed, upper case, without surrounding punctuation.</summary>
public static class Keyword
{
    public static string Normalize(string? text) =>
        (text ?? "").Trim().Trim('.', '!', '?', ',', ';', ':', '"', '\'', ' ').ToUpperInvariant();
}
