using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MobilityMentoring.Bot.Channels.Twilio;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.Channels.Outbox;

/// <summary>
/// Sends outbox rows as soon as a turn commits them (woken by <see cref="OutboxSignal"/>, with a slow poll as a
/// safety net): through Twilio, or to the simulator when the message is for it or Twilio is not configured.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    IOptions<TwilioOptions> twilio,
    ILogger<OutboxDispatcher> log) : BackgroundService
{
    /// <summary>
    /// Claim no more than the pacer lets out in this time: a reply written meanwhile then waits behind half a second
    /// of bulk reminders at most, not behind a whole batch of them.
    /// </summary>
    private static readonly TimeSpan ClaimHorizon = TimeSpan.FromSeconds(0.5);

    /// <summary>
    /// Few lanes, so that under load each claim takes the replies of several turns (one commit that waits for the disk
    /// for all of them); when it is quiet a lane takes a single turn's replies at once.
    /// </summary>
    private int FastLanes => Math.Min(2, options.Value.SendConcurrency);

    private int ClaimSize => Math.Clamp((int)Math.Ceiling(twilio.Value.MessagesPerSecond * ClaimHorizon.TotalSeconds), 1, options.Value.BatchSize);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll([BatchLoopAsync(stoppingToken), .. Enumerable.Range(0, FastLanes).Select(_ => FastLaneAsync(stoppingToken))]);

    /// <summary>
    /// A turn's replies, sent the moment the turn has committed: no wake-up, no waiting behind a batch. Whatever a
    /// reply cannot take this way (see <see cref="OutboxClaim.ClaimRepliesAsync"/>) the batch loop sends.
    /// </summary>
    private async Task FastLaneAsync(CancellationToken stoppingToken)
    {
        var replies = signal.Replies;
        try
        {
            while (await replies.WaitToReadAsync(stoppingToken))
            {
                var ids = new List<long>();
                while (ids.Count < options.Value.BatchSize && replies.TryRead(out var id))
                {
                    ids.Add(id);
                }

                if (ids.Count == 0)
                {
                    continue;
                }

                try
                {
                    if (await DispatchRepliesAsync([.. ids], stoppingToken) < ids.Count)
                    {
                        signal.Notify();
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogBatchFailed(e);
                    signal.Notify();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: unsent replies stay Pending for the next start.
        }
    }

    private async Task BatchLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await DispatchBatchAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogBatchFailed(e);
            }

            // A full batch means more may be waiting; otherwise sleep until a turn signals (or the poll comes round).
            // A signal given while this batch was sending is kept, so nothing waits for the poll.
            if (handled < ClaimSize)
            {
                try
                {
                    await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Claims and sends one batch; returns how many rows it handled. Different recipients are served side by side
    /// (Outbox:SendConcurrency); one recipient's messages go one after the other, in the order they were written, so
    /// a conversation never arrives shuffled. The per-sender pacer still sets the rate. What Twilio accepted is
    /// recorded for the whole batch in one commit; anything else (a refusal, a retry) is recorded at once.
    /// </summary>
    public async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        List<ClaimedMessage> batch;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
            batch = await OutboxClaim.ClaimAsync(db, now, ClaimSize, cancellationToken);
        }

        await SendAsync(batch, cancellationToken);
        return batch.Count;
    }

    /// <summary>Claims and sends the given rows a turn has just committed; returns how many it could take.</summary>
    private async Task<int> DispatchRepliesAsync(long[] replyIds, CancellationToken cancellationToken)
    {
        List<ClaimedMessage> claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
            claimed = await OutboxClaim.ClaimRepliesAsync(db, replyIds, now, cancellationToken);
        }

        await SendAsync(claimed, cancellationToken);
        return claimed.Count;
    }

    private async Task SendAsync(List<ClaimedMessage> batch, CancellationToken cancellationToken)
    {
        var accepted = new ConcurrentBag<Message>();
        try
        {
            await Parallel.ForEachAsync(
                batch.GroupBy(claimed => claimed.Message.To),
                new ParallelOptions { MaxDegreeOfParallelism = options.Value.SendConcurrency, CancellationToken = cancellationToken },
                (toOneRecipient, ct) => SendInOrderAsync(toOneRecipient, accepted, ct));
        }
        finally
        {
            // Even when a send failed or the host stops: what Twilio took is written down, never sent again.
            await RecordAcceptedAsync(accepted, CancellationToken.None);
        }
    }

    private async ValueTask SendInOrderAsync(
        IEnumerable<ClaimedMessage> toOneRecipient, ConcurrentBag<Message> accepted, CancellationToken cancellationToken)
    {
        foreach (var claimed in toOneRecipient)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            db.Messages.Attach(claimed.Message);
            await scope.ServiceProvider.GetRequiredService<OutboxMessageSender>().SendAsync(claimed, cancellationToken);
            if (claimed.Message.ProviderSid is not null && !db.ChangeTracker.Entries().Any(e => e.Entity is not Message))
            {
                accepted.Add(claimed.Message);
            }
            else
            {
                await db.SaveChangesAsync(cancellationToken);
            }
        }
    }

    private async Task RecordAcceptedAsync(ConcurrentBag<Message> accepted, CancellationToken cancellationToken)
    {
        if (accepted.IsEmpty)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AcceptedSends>().RecordAsync([.. accepted], cancellationToken);
    }

    [LoggerMessage(LogLevel.Error, "Outbox batch failed; rows stay claimed and are retried by the sweeper")]
    private partial void LogBatchFailed(Exception exception);
}
