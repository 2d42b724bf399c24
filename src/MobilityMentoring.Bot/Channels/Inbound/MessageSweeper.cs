using System.ComponentModel;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Channels.Outbox;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Conversations;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Dialogs;
using MobilityMentoring.Bot.Privacy;

namespace MobilityMentoring.Bot.Channels.Inbound;

/// <summary>
/// Nothing is lost: inbound messages that were stored but never processed (a crash, a failed turn) are processed
/// again, and sends that stayed in doubt with no word from Twilio are looked up and settled (<see cref="InDoubtSends"/>).
/// Safe to run anywhere, any time: turns re-check under the client's lock, claims use SKIP LOCKED.
/// </summary>
public sealed partial class MessageSweeper(
    BotDbContext db,
    IServiceScopeFactory scopes,
    InDoubtSends inDoubtSends,
    TimeProvider time,
    ILogger<MessageSweeper> log)
{
    public const string RecurringId = "message-sweeper";
    public const int MaxTurnAttempts = 5;

    /// <summary>A turn that has not finished after this long is taken to have failed.</summary>
    public static readonly TimeSpan StuckAfter = TimeSpan.FromSeconds(30);

    [DisplayName("Sweeper: unprocessed messages and sends in doubt")]
    public Task RunAsync(CancellationToken cancellationToken) => SweepAsync(StuckAfter, cancellationToken);

    public async Task SweepAsync(TimeSpan inboundAge, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var before = now - inboundAge;
        var stuck = await db.Messages
            .Where(m => m.Direction == MessageDirection.Inbound && m.Status == MessageStatus.Received && m.CreatedAt <= before)
            .OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.Attempts })
            .Take(500)
            .ToListAsync(cancellationToken);

        foreach (var message in stuck)
        {
            await RetryTurnAsync(message.Id, message.Attempts + 1, cancellationToken);
        }

        await inDoubtSends.ResolveAsync(now, cancellationToken);
    }

    private async Task RetryTurnAsync(long messageId, int attempt, CancellationToken cancellationToken)
    {
        await db.Messages.Where(m => m.Id == messageId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, attempt), cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (await scope.ServiceProvider.GetRequiredService<TurnProcessor>().ProcessInboundAsync(messageId, cancellationToken))
            {
                LogRecovered(messageId, attempt);
            }
        }
        // A cancellation the sweep did not ask for (a timeout inside the turn) fails this message only, not the sweep.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogRetryFailed(ScrubbedException.From(e), messageId, attempt);
            if (attempt >= MaxTurnAttempts)
            {
                await GiveUpAsync(messageId, cancellationToken);
            }
        }
    }

    /// <summary>
    /// The bot could not handle this message: it is kept (marked failed), the client hears that a person will look
    /// at it, the mentor gets a flag to read it (one open flag, however many messages fail), and the dialog starts afresh.
    /// </summary>
    private async Task GiveUpAsync(long messageId, CancellationToken cancellationToken)
    {
        // Two sweepers (start-up recovery and the recurring job, or two instances) may give up at once: one apologises.
        if (await db.Messages.Where(m => m.Id == messageId && m.Status == MessageStatus.Received)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Failed), cancellationToken) == 0)
        {
            return;
        }

        // The failed turn never committed, so the message has no client yet: find it by the sender, as a turn does.
        var sender = await db.Messages.Where(m => m.Id == messageId).Select(m => new { m.From, m.Channel }).SingleAsync(cancellationToken);
        var clientId = PhoneNumber.TryParseProviderAddress(sender.From, out var phone, out _)
            ? await db.Clients.WithPhone(phone, simulated: sender.Channel == Channel.Simulator).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (clientId is not { } id)
        {
            return;
        }

        var note = $"The bot could not handle message {messageId}; please read it in the transcript.";
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var content = scope.ServiceProvider.GetRequiredService<DialogContent>();
            await scope.ServiceProvider.GetRequiredService<TurnProcessor>().ContinueConversationAsync(id, "turn-failed", async (turn, ct) =>
            {
                await turn.Db.RaiseOrNoteFlagAsync(id, FlagKind.Help, note, turn.Now, ct);
                await turn.ReplyAsync(content, "turn.error", turn.StandardArguments(), new OutboundDetails(MessageOrigin.System), ct);
                await StartAfreshAsync(turn.Db, id, ct);
            }, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Even the apology failed (the client's turns break before any dialog runs): still start afresh and tell the
            // mentor, so a person looks, and go on with the other messages.
            LogGiveUpFailed(ScrubbedException.From(e), messageId);
            await using var scope = scopes.CreateAsyncScope();
            var fallback = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            await StartAfreshAsync(fallback, id, cancellationToken);
            await fallback.RaiseOrNoteFlagAsync(id, FlagKind.Help, note, time.GetUtcNow(), cancellationToken);
            await fallback.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>The dialog state may be what broke the turn: the next message starts afresh, or one bad state fails them all. The crisis net's open question stays.</summary>
    private static Task<int> StartAfreshAsync(BotDbContext db, int clientId, CancellationToken cancellationToken) =>
        db.ConversationStates.Where(s => s.ClientId == clientId).ExecuteUpdateAsync(
            s => s.SetProperty(c => c.Dialog, (string?)null).SetProperty(c => c.DialogStep, (string?)null).SetProperty(c => c.Data, "{}"),
            cancellationToken);

    [LoggerMessage(LogLevel.Warning, "Processed inbound message {MessageId} on attempt {Attempt}")]
    private partial void LogRecovered(long messageId, int attempt);

    [LoggerMessage(LogLevel.Error, "Inbound message {MessageId} failed again on attempt {Attempt}")]
    private partial void LogRetryFailed(Exception exception, long messageId, int attempt);

    [LoggerMessage(LogLevel.Error, "Giving up on inbound message {MessageId}: the apology turn failed too; the state is reset and the mentor flagged")]
    private partial void LogGiveUpFailed(Exception exception, long messageId);
}

/// <summary>At start-up, picks up what a previous process left unfinished, without delaying start-up itself.</summary>
public sealed partial class StartupRecovery(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<StartupRecovery> log)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(RecoverAsync, CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Every stored message still waiting goes to the turn workers, side by side (after a crash under load there can be
    /// thousands; one by one they took minutes); then the sweep, for sends in doubt and for what fails again.
    /// </summary>
    private async Task RecoverAsync()
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            var waiting = await db.Messages
                .Where(m => m.Direction == MessageDirection.Inbound && m.Status == MessageStatus.Received)
                .OrderBy(m => m.Id).Select(m => m.Id).ToListAsync(lifetime.ApplicationStopping);
            var turns = scope.ServiceProvider.GetRequiredService<InboundTurns>();
            waiting.ForEach(turns.RunLater);
            await scope.ServiceProvider.GetRequiredService<MessageSweeper>().SweepAsync(MessageSweeper.StuckAfter, lifetime.ApplicationStopping);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(ScrubbedException.From(e));
        }
    }

    [LoggerMessage(LogLevel.Error, "Start-up recovery failed; the recurring sweeper will try again")]
    private partial void LogFailed(Exception exception);
}
