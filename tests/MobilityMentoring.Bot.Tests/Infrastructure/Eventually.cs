namespace MobilityMentoring.Bot.Tests.Infrastructure;

/// <summary>
/// Waits for the effect of a background service (the outbox dispatcher, start-up recovery) to show in the database.
/// Checks often and fails after a deadline; it never decides the order of events, it only observes them.
/// </summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, Func<T, bool> settled, string what, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            if (await probe() is { } value && settled(value))
            {
                return value;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("Still waiting for " + what);
            }
        }
    }
}
