using System.Globalization;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.Channels.Outbox;

/// <summary>
/// Writes down what Twilio accepted, through a database blip: the SIDs are kept in memory and the write is tried
/// again with back-off, each time on a fresh context. Should the database stay away longer than that (or the process
/// die), the rows come back in doubt and <see cref="InDoubtSends"/> finds them at Twilio instead of sending them again.
/// </summary>
public sealed partial class AcceptedSends(IServiceScopeFactory scopes, ILogger<AcceptedSends> log)
{
    private const int MaxTries = 20;
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    public async Task RecordAsync(IReadOnlyList<Message> accepted, CancellationToken cancellationToken)
    {
        var delay = FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await OutboxClaim.RecordAcceptedAsync(scope.ServiceProvider.GetRequiredService<BotDbContext>(), accepted, cancellationToken);
                if (attempt > 1)
                {
                    LogRecordedAfterRetry(accepted.Count, attempt);
                }

                return;
            }
            catch (Exception e) when (e is not OperationCanceledException && attempt < MaxTries)
            {
                LogRetrying(e, accepted.Count, attempt);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // For an operator: which rows Twilio has, should the look-up not find them either.
                LogNotRecorded(e, string.Join(", ", accepted.Select(m => $"{m.Id.ToString(CultureInfo.InvariantCulture)}={m.ProviderSid}")));
                return;
            }

            // The database's real recovery, not coaching time (which tests move by hand).
            await Task.Delay(delay, TimeProvider.System, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
        }
    }

    [LoggerMessage(LogLevel.Warning, "Recording {Count} accepted sends failed (try {Attempt}); the SIDs are kept and the write tried again")]
    private partial void LogRetrying(Exception exception, int count, int attempt);

    [LoggerMessage(LogLevel.Warning, "Recorded {Count} accepted sends on try {Attempt}")]
    private partial void LogRecordedAfterRetry(int count, int attempt);

    [LoggerMessage(LogLevel.Critical, "Accepted sends not recorded; they come back in doubt and are looked up at Twilio, not sent again. Outbox id=SID: {Sids}")]
    private partial void LogNotRecorded(Exception exception, string sids);
}
