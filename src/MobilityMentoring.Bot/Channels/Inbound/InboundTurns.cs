using Microsoft.Extensions.Options;
using MobilityMentoring.Bot.Conversations;

namespace MobilityMentoring.Bot.Channels.Inbound;

/// <summary>
/// The turns this instance runs at once (Inbound:MaxConcurrentTurns), for stored messages only. A webhook runs its turn
/// itself when a slot frees up within Inbound:InlineTurnWait; otherwise it hands the stored message's id to the
/// background workers here and is answered. What waits here is in the database already: a crash or a deploy leaves
/// it Received, and start-up recovery or the sweeper runs its turn.
/// </summary>
public sealed partial class InboundTurns(IServiceScopeFactory scopes, IOptions<InboundOptions> options, ILogger<InboundTurns> log)
    : BackgroundService
{
    private readonly SemaphoreSlim slots = new(options.Value.MaxConcurrentTurns, options.Value.MaxConcurrentTurns);
    private readonly SemaphoreSlim stores = new(options.Value.MaxConcurrentStores, options.Value.MaxConcurrentStores);
    private readonly System.Threading.Channels.Channel<long> waiting = System.Threading.Channels.Channel.CreateBounded<long>(
        new System.Threading.Channels.BoundedChannelOptions(Math.Max(1, options.Value.MaxQueuedTurns)) { FullMode = System.Threading.Channels.BoundedChannelFullMode.Wait });

    /// <summary>A turn slot, if one frees up within Inbound:InlineTurnWait; dispose it when the turn is done.</summary>
    public async Task<IDisposable?> TryTakeSlotAsync(CancellationToken cancellationToken) =>
        await slots.WaitAsync(options.Value.InlineTurnWait, cancellationToken) ? new Slot(slots) : null;

    /// <summary>
    /// Stores at once (Inbound:MaxConcurrentStores): a burst of webhooks must not take every database connection, for
    /// turns, the dispatcher and other instances need theirs. Held only for one insert, after the body was read.
    /// </summary>
    public async Task<T> StoreAsync<T>(Func<Task<T>> store, CancellationToken cancellationToken)
    {
        await stores.WaitAsync(cancellationToken);
        try
        {
            return await store();
        }
        finally
        {
            stores.Release();
        }
    }

    /// <summary>Runs the turn of a stored message in the background, as soon as a slot is free.</summary>
    public void RunLater(long messageId)
    {
        if (!waiting.Writer.TryWrite(messageId))
        {
            LogLeftForSweeper(messageId);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.MaxConcurrentTurns).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var messageId in waiting.Reader.ReadAllAsync(stoppingToken))
            {
                await slots.WaitAsync(stoppingToken);
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<TurnProcessor>().ProcessInboundAsync(messageId, stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogTurnFailed(Privacy.ScrubbedException.From(e), messageId);
                }
                finally
                {
                    slots.Release();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what still waits is Received in the database; start-up recovery takes it.
        }
    }

    public override void Dispose()
    {
        slots.Dispose();
        stores.Dispose();
        base.Dispose();
    }

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                slots.Release();
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "More than Inbound:MaxQueuedTurns messages wait for a turn; message {MessageId} waits in the database for the sweeper")]
    private partial void LogLeftForSweeper(long messageId);

    [LoggerMessage(LogLevel.Error, "Turn for inbound message {MessageId} failed; it stays stored and the sweeper retries it")]
    private partial void LogTurnFailed(Exception exception, long messageId);
}
