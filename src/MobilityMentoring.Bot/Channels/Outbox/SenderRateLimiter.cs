using System.Collections.Concurrent;

namespace MobilityMentoring.Bot.Channels.Outbox;

/// <summary>
/// Spaces sends per sender evenly at Twilio:MessagesPerSecond, never faster. Runs on the real clock: it is about
/// Twilio's throughput, not about coaching time.
/// </summary>
public sealed class SenderRateLimiter(TimeProvider clock, double messagesPerSecond)
{
    private readonly TimeSpan interval = TimeSpan.FromSeconds(1 / messagesPerSecond);
    private readonly ConcurrentDictionary<string, DateTimeOffset> nextSlot = new(StringComparer.Ordinal);

    public Task WaitAsync(string sender, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var slot = now;
        nextSlot.AddOrUpdate(
            sender,
            _ => now + interval,
            (_, next) =>
            {
                slot = next > now ? next : now;
                return slot + interval;
            });

        var wait = slot - now;
        return wait > TimeSpan.Zero ? Task.Delay(wait, clock, cancellationToken) : Task.CompletedTask;
    }
}
