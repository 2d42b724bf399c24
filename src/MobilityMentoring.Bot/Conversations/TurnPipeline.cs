namespace MobilityMentoring.Bot.Conversations;

/// <summary>Runs the registered middleware in order, then <paramref name="bot"/>. Middleware may stop the turn by not calling next.</summary>
public sealed class TurnPipeline(IEnumerable<IMiddleware> middleware)
{
    private readonly IMiddleware[] steps = [.. middleware];

    public Task RunAsync(ITurnContext turn, IBot bot, CancellationToken cancellationToken) => RunFromAsync(0, turn, bot, cancellationToken);

    private Task RunFromAsync(int index, ITurnContext turn, IBot bot, CancellationToken cancellationToken) =>
        index < steps.Length
            ? steps[index].OnTurnAsync(turn, ct => RunFromAsync(index + 1, turn, bot, ct), cancellationToken)
            : bot.OnTurnAsync(turn, cancellationToken);
}
