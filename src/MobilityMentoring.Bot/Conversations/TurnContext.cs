using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Channels.Outbox;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.Conversations;

internal sealed class TurnContext(Activity activity, Client? client, BotDbContext db, DateTimeOffset now, OutboxWriter outbox)
    : ITurnContext
{
    public Activity Activity { get; } = activity;
    public Client? Client { get; private set; } = client;
    public BotDbContext Db { get; } = db;
    public DateTimeOffset Now { get; } = now;
    public IDictionary<string, object> TurnState { get; } = new Dictionary<string, object>();
    public bool Responded { get; private set; }

    public void UseClient(Client client) => Client = client;

    public Task SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        Responded = true;
        return outbox.AddAsync(activity, Client, Now, cancellationToken);
    }
}
