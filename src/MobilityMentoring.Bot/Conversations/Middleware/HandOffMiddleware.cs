using MobilityMentoring.Bot.Channels;

namespace MobilityMentoring.Bot.Conversations.Middleware;

/// <summary>
/// While a mentor has taken over, the client's messages are kept for the mentor and the bot does not answer them.
/// STOP, START and the crisis net run before this and still work.
/// </summary>
public sealed class HandOffMiddleware : IMiddleware
{
    public Task OnTurnAsync(ITurnContext turn, NextDelegate next, CancellationToken cancellationToken) =>
        turn.Activity.Type == ActivityTypes.Message && turn.Client?.HandedOffAt is not null
            ? Task.CompletedTask
            : next(cancellationToken);
}
