using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Channels.Outbox;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.Conversations;

/// <summary>
/// Runs turns: one transaction each, one at a time per client. The inbound row, the state change and the outbox rows
/// commit together; the dispatcher is woken after the commit.
/// </summary>
public sealed class TurnProcessor(
    BotDbContext db,
    IClientTurnLock turnLock,
    TurnPipeline pipeline,
    DialogRuntime dialogs,
    OutboxWriter outbox,
    OutboxSignal signal,
    TimeProvider time)
{
    /// <summary>A bot-started message never cuts into a conversation: it waits until the client has been quiet this long.</summary>
    public static readonly TimeSpan ConversationQuiet = TimeSpan.FromMinutes(30);

    /// <summary>Processes a stored inbound message once. Returns false when it was processed already.</summary>
    public async Task<bool> ProcessInboundAsync(long messageId, CancellationToken cancellationToken)
    {
        var message = await db.Messages.AsNoTracking()
            .SingleOrDefaultAsync(m => m.Id == messageId && m.Status == MessageStatus.Received, cancellationToken);
        return message is not null && await ProcessInboundAsync(message, cancellationToken);
    }

    /// <summary>
    /// Processes <paramref name="message"/>, as stored (Received), once, under its sender's lock. Returns false when it
    /// was processed already.
    /// </summary>
    /// <remarks>
    /// On PostgreSQL the turn commits without waiting for its log to reach the disk: one disk flush less in every
    /// webhook's answer, and webhooks no longer queue behind a slow flush (an autovacuum run made them wait 100 ms and
    /// more). Nothing can be lost or sent twice by it. The message itself was stored by a commit that did wait, so if
    /// PostgreSQL crashed before the turn reached the disk, the message is still Received and the sweeper runs its turn
    /// again. And nothing the turn wrote leaves the service before it is on disk: the dispatcher's claim commits with a
    /// wait, and PostgreSQL flushes its log in order, this turn included. A crash can cost a late reply, no more.
    /// </remarks>
    public async Task<bool> ProcessInboundAsync(Message message, CancellationToken cancellationToken)
    {
        if (!PhoneNumber.TryParseProviderAddress(message.From, out var phone, out _))
        {
            throw new InvalidOperationException($"Inbound message {message.Id} has a sender that is not a phone number.");
        }

        await using var transaction = await BeginTurnAsync(cancellationToken);

        // Checked under the lock: another instance or the sweeper may have processed it meanwhile.
        var (stillWaiting, clientLock) = await turnLock.StartInboundTurnAsync(db, phone.Value, message.Id, cancellationToken);
        await using var releaseLock = clientLock;
        if (!stillWaiting)
        {
            return false;
        }

        db.Messages.Attach(message);
        var now = time.GetUtcNow();
        var client = await FindClientAsync(phone, simulated: message.Channel == Channel.Simulator, cancellationToken);
        if (client is not null)
        {
            message.ClientId = client.Id;
            client.LastInboundAt = now;
            // What they said may change the next check-in, so the planner looks again, but only once the conversation has
            // gone quiet: "now" would have it re-plan every chatting client on every message, all day long.
            client.NextContactAt = now + ConversationQuiet;
        }

        var turn = new TurnContext(ToActivity(message), client, db, now, outbox);
        await pipeline.RunAsync(turn, dialogs, cancellationToken);

        message.Status = MessageStatus.Processed;
        message.ProcessedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.NotifyReplies(outbox.TakeWrittenIds());
        return true;
    }

    /// <summary>
    /// A turn the bot starts (a reminder, a mentor's message), like the Bot Framework's ContinueConversationAsync:
    /// the same middleware and outbox rules, with <paramref name="callback"/> in place of the dialogs. A closed case hears
    /// nothing more (its goodbye is written by the turn that closes it): then nothing runs and this returns false.
    /// </summary>
    public async Task<bool> ContinueConversationAsync(
        int clientId, string eventName, Func<ITurnContext, CancellationToken, Task> callback, CancellationToken cancellationToken)
    {
        var phone = await db.Clients.Where(c => c.Id == clientId).Select(c => c.Phone).SingleAsync(cancellationToken);
        await using var transaction = await BeginTurnAsync(cancellationToken);
        await using var clientLock = await turnLock.AcquireAsync(db, phone.Value, cancellationToken);

        var client = await db.Clients.Include(c => c.Mentor).SingleAsync(c => c.Id == clientId, cancellationToken);
        if (client.ClosedAt is not null)
        {
            return false;
        }

        var now = time.GetUtcNow();
        var turn = new TurnContext(ProactiveActivity(client, eventName, now), client, db, now, outbox);
        await pipeline.RunAsync(turn, new CallbackBot(callback), cancellationToken);
        if (turn.Responded)
        {
            client.LastOutboundAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.NotifyReplies(outbox.TakeWrittenIds());
        return true;
    }

    /// <summary>
    /// Turns the bot starts for many clients in one transaction (the reminders planner). Only clients whose turn lock
    /// is free right now take part (one who is chatting is left for the next run); <paramref name="prepare"/> loads what
    /// their turns need in a few queries, then <paramref name="callback"/> runs per client. Returns who took part.
    /// </summary>
    public async Task<IReadOnlyList<int>> ContinueConversationsAsync(
        IReadOnlyList<int> clientIds,
        string eventName,
        Func<IReadOnlyList<Client>, CancellationToken, Task> prepare,
        Func<ITurnContext, CancellationToken, Task> callback,
        CancellationToken cancellationToken)
    {
        var phones = await db.Clients.Where(c => clientIds.Contains(c.Id)).Select(c => c.Phone).ToListAsync(cancellationToken);
        await using var transaction = await BeginTurnAsync(cancellationToken);
        var (locked, release) = await turnLock.TryAcquireManyAsync(db, [.. phones.Select(p => p.Value)], cancellationToken);
        await using var locks = release;

        // Read after locking: a turn that committed meanwhile (a STOP, an answer) is seen.
        var clients = (await db.Clients.Include(c => c.Mentor).Where(c => clientIds.Contains(c.Id)).ToListAsync(cancellationToken))
            .Where(c => locked.Contains(c.Phone.Value)).ToList();
        await prepare(clients, cancellationToken);
        var now = time.GetUtcNow();
        var bot = new CallbackBot(callback);
        foreach (var client in clients)
        {
            var turn = new TurnContext(ProactiveActivity(client, eventName, now), client, db, now, outbox);
            await pipeline.RunAsync(turn, bot, cancellationToken);
            if (turn.Responded)
            {
                client.LastOutboundAt = now;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Notify();
        return [.. clients.Select(c => c.Id)];
    }

    private static Activity ProactiveActivity(Client client, string eventName, DateTimeOffset now)
    {
        var reference = ConversationReference.For(client, ChannelIds.For(client.Channel));
        return new Activity
        {
            Type = ActivityTypes.Event,
            Name = eventName,
            ChannelId = reference.ChannelId,
            From = reference.User,
            Recipient = reference.Bot,
            Conversation = reference.Conversation,
            Timestamp = now,
        };
    }

    private Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginTurnAsync(CancellationToken cancellationToken)
    {
        // One SaveChanges per turn: savepoints would only add round trips.
        db.Database.AutoSavepointsEnabled = false;
        return db.Database.BeginTransactionAsync(cancellationToken);
    }

    /// <summary>
    /// The client, their mentor and their conversation state in one query: the state is tracked, so the dialog runtime
    /// finds it without another round trip. (No state yet means a newcomer; the runtime makes one when a dialog runs.)
    /// The client is found as <see cref="ClientQueries.WithPhone"/> finds them, written out: a compiled query cannot call it.
    /// </summary>
    private static readonly CompiledPerModel<Func<BotDbContext, PhoneNumber, bool, CancellationToken, Task<ClientWithState?>>> ClientWithStateQuery =
        new(() => EF.CompileAsyncQuery((BotDbContext db, PhoneNumber phone, bool simulated, CancellationToken _) => (
                from client in db.Clients.Where(c => c.Phone == phone && c.ClosedAt == null && (c.TestOwnerId != null) == simulated)
                    .OrderByDescending(c => c.CreatedAt)
                join state in db.ConversationStates on client.Id equals state.ClientId into states
                from state in states.DefaultIfEmpty()
                select new ClientWithState(client, client.Mentor, state))
            .FirstOrDefault()));

    /// <remarks>Simulator messages reach only test clients, and SMS or WhatsApp only real ones.</remarks>
    private async Task<Client?> FindClientAsync(PhoneNumber phone, bool simulated, CancellationToken cancellationToken) =>
        (await ClientWithStateQuery.For(db)(db, phone, simulated, cancellationToken))?.Client;

    private sealed record ClientWithState(Client Client, Accounts.BotUser? Mentor, ConversationState? State);

    private static Activity ToActivity(Message message) => new()
    {
        Id = message.ProviderSid,
        ChannelId = message.Channel == Channel.Simulator ? ChannelIds.Simulator : ChannelAddress.ChannelIdOf(message.From),
        From = new ChannelAccount(message.From),
        Recipient = new ChannelAccount(message.To),
        Conversation = new ConversationAccount(message.From),
        Text = message.Body,
        Timestamp = message.CreatedAt,
        ChannelData = new InboundDetails(message.Id),
    };

    private sealed class CallbackBot(Func<ITurnContext, CancellationToken, Task> callback) : IBot
    {
        public Task OnTurnAsync(ITurnContext turn, CancellationToken cancellationToken) => callback(turn, cancellationToken);
    }
}
