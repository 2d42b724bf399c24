using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Dialogs;

namespace MobilityMentoring.Bot.Conversations.Middleware;

/// <summary>
/// A number we do not know gets one polite answer a day (how to join through a mentor), never an error,
/// and never a stream of replies that costs money.
/// </summary>
public sealed class UnknownSenderMiddleware(DialogContent content) : IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turn, NextDelegate next, CancellationToken cancellationToken)
    {
        if (turn.Client is not null || turn.Activity.Type != ActivityTypes.Message)
        {
            await next(cancellationToken);
            return;
        }

        var address = turn.Activity.From.Id;
        var since = turn.Now.AddDays(-1);
        var answeredToday = await turn.Db.Messages.AnyAsync(
            m => m.Direction == MessageDirection.Outbound && m.To == address && m.CreatedAt > since, cancellationToken);
        if (!answeredToday)
        {
            await turn.ReplyAsync(content, "unknown.sender", cancellationToken: cancellationToken);
        }
    }
}
