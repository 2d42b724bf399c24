namespace MobilityMentoring.Bot.Channels.Outbox;

/// <summary>Wakes the dispatcher as soon as a turn commits outbox rows, so replies never wait for a polling interval.</summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Notify()
    {
        if (signal.CurrentCount == 0)
        {
            try
            {
                signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another thread woke it first: one wake-up is enough.
            }
        }
    }

    public void Dispose() => signal.Dispose();

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}
