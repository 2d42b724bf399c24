namespace MobilityMentoring.Bot.Channels.Outbox;

/// <summary>
/// Wakes the dispatcher as soon as a turn commits outbox rows, so replies never wait for a polling interval; a turn's
/// own replies are handed over by id, to be sent at once (<see cref="OutboxDispatcher"/>'s fast lane).
/// </summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim signal = new(0, 1);
    private readonly System.Threading.Channels.Channel<long> replies = System.Threading.Channels.Channel.CreateBounded<long>(
        new System.Threading.Channels.BoundedChannelOptions(10_000) { SingleWriter = false });

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

    /// <summary>
    /// Rows a turn has just committed, to send now. Call only after the commit. What does not fit (a backlog of
    /// thousands) wakes the batch loop instead, which finds the rows in the table.
    /// </summary>
    public void NotifyReplies(IReadOnlyList<long> messageIds)
    {
        foreach (var id in messageIds)
        {
            if (!replies.Writer.TryWrite(id))
            {
                Notify();
                return;
            }
        }
    }

    internal System.Threading.Channels.ChannelReader<long> Replies => replies.Reader;

    public void Dispose() => signal.Dispose();

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}
