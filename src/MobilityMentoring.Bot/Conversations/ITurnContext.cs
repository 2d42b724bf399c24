using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.Conversations;

/// <summary>One turn: the incoming activity, the client it is about, and the way to answer. Everything in one transaction.</summary>
public interface ITurnContext
{
    Activity Activity { get; }

    /// <summary>Null when the sender is not a known client.</summary>
    Client? Client { get; }

    /// <summary>A newcomer who joined in this turn (texted a join keyword): the rest of the turn is theirs.</summary>
    void UseClient(Client client);

    BotDbContext Db { get; }

    /// <summary>The moment of this turn, from the injected <see cref="TimeProvider"/>.</summary>
    DateTimeOffset Now { get; }

    /// <summary>Values that middleware hands to later middleware and dialogs within this turn.</summary>
    IDictionary<string, object> TurnState { get; }

    /// <summary>Whether anything was sent (or deliberately suppressed) in this turn.</summary>
    bool Responded { get; }

    /// <summary>Queues <paramref name="activity"/> in the outbox, in this turn's transaction.</summary>
    Task SendAsync(Activity activity, CancellationToken cancellationToken);
}

[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "The Bot Framework's name, kept for readers who know it.")]
public delegate Task NextDelegate(CancellationToken cancellationToken);

/// <summary>A step every turn passes through before the dialogs, like Bot Framework middleware.</summary>
public interface IMiddleware
{
    Task OnTurnAsync(ITurnContext turn, NextDelegate next, CancellationToken cancellationToken);
}

/// <summary>What runs after the middleware: the dialogs for a client message, or a proactive callback.</summary>
public interface IBot
{
    Task OnTurnAsync(ITurnContext turn, CancellationToken cancellationToken);
}
