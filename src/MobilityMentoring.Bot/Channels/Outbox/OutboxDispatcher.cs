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
    ILogger<OutboxDispatcher> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
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
            if (handled < options.Value.BatchSize)
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

    /// <summary>Claims and sends one batch; returns how many rows it handled.</summary>
    public async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<OutboxMessageSender>();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();

        var batch = await OutboxClaim.ClaimAsync(db, now, options.Value.BatchSize, cancellationToken);
        foreach (var claimed in batch)
        {
            await sender.SendAsync(claimed, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        return batch.Count;
    }

    [LoggerMessage(LogLevel.Error, "Outbox batch failed; rows stay claimed and are retried by the sweeper")]
    private partial void LogBatchFailed(Exception exception);
}

public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Rows claimed at once by one dispatcher.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>Safety-net poll when no turn signals new rows (another instance wrote them, or a retry came due).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A claimed row with no Twilio SID after this long is sent again (no status callback arrived for it).</summary>
    public TimeSpan InDoubtAfter { get; set; } = TimeSpan.FromMinutes(2);
}
