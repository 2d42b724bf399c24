using System.Threading.RateLimiting;

namespace MobilityMentoring.Bot.Accounts;

/// <summary>
/// A fixed-window limiter (so many permits per window) that reads the injected <see cref="TimeProvider"/>. The built-in
/// window limiters read the stopwatch (dotnet/runtime#106447), so a test would have to wait out a real minute.
/// </summary>
public sealed class ClockWindowLimiter(TimeProvider clock, int permits, TimeSpan window) : RateLimiter
{
    private readonly Lock gate = new();
    private DateTimeOffset windowEnd = DateTimeOffset.MinValue;
    private int used;
    private long granted, refused;

    /// <summary>Idle once its window has passed; the partitioned limiter then drops it.</summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (gate)
            {
                var now = clock.GetUtcNow();
                return now >= windowEnd ? now - windowEnd : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (gate)
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = clock.GetUtcNow() >= windowEnd ? permits : permits - used,
                TotalSuccessfulLeases = granted,
                TotalFailedLeases = refused,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            if (now >= windowEnd)
            {
                windowEnd = now + window;
                used = 0;
            }

            if (used + permitCount <= permits)
            {
                used += permitCount;
                granted++;
                return WindowLease.Granted;
            }

            refused++;
            return new WindowLease(false, windowEnd - now);
        }
    }

    /// <summary>Never queues: a sign-in attempt over the limit is answered at once.</summary>
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private sealed class WindowLease(bool acquired, TimeSpan retryAfter) : RateLimitLease
    {
        public static readonly WindowLease Granted = new(true, TimeSpan.Zero);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => acquired ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = !acquired && metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
