using Microsoft.Extensions.Time.Testing;
using MobilityMentoring.Bot.Channels.Outbox;

namespace MobilityMentoring.Bot.Tests.Channels.Outbox;

public sealed class SenderRateLimiterTests
{
    [Fact]
    public async Task Sends_from_one_sender_are_spaced_evenly_and_never_faster_than_the_limit()
    {
        var clock = new FakeTimeProvider();
        var limiter = new SenderRateLimiter(clock, messagesPerSecond: 4);

        var first = limiter.WaitAsync("+3197010000001", CancellationToken.None);
        var second = limiter.WaitAsync("+3197010000001", CancellationToken.None);
        var third = limiter.WaitAsync("+3197010000001", CancellationToken.None);

        Assert.True(first.IsCompleted);
        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(249));
        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await second;
        Assert.False(third.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(250));
        await third;
    }

    [Fact]
    public void Each_sender_has_its_own_pace()
    {
        var limiter = new SenderRateLimiter(new FakeTimeProvider(), messagesPerSecond: 1);

        Assert.True(limiter.WaitAsync("+3197010000001", CancellationToken.None).IsCompleted);
        Assert.True(limiter.WaitAsync("whatsapp:+3197010000002", CancellationToken.None).IsCompleted);
        Assert.False(limiter.WaitAsync("+3197010000001", CancellationToken.None).IsCompleted);
    }

    [Fact]
    public void A_quiet_sender_does_not_save_up_a_burst()
    {
        var clock = new FakeTimeProvider();
        var limiter = new SenderRateLimiter(clock, messagesPerSecond: 2);
        Assert.True(limiter.WaitAsync("s", CancellationToken.None).IsCompleted);

        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.True(limiter.WaitAsync("s", CancellationToken.None).IsCompleted);
        Assert.False(limiter.WaitAsync("s", CancellationToken.None).IsCompleted);
    }
}
