using MobilityMentoring.Bot.Channels.Outbox;

namespace MobilityMentoring.Bot.Channels.Twilio;

/// <summary>
/// Holds every attempt to send a message, retries included, to its sender's pace (Twilio:MessagesPerSecond). It sits
/// inside the retry strategy: a 429 storm retried outside the pace would be a burst of its own. It sits outside the
/// per-attempt timeout, so waiting for a slot never makes a send look in doubt.
/// </summary>
public sealed class TwilioSendPacing(SenderRateLimiter rateLimiter) : DelegatingHandler
{
    /// <summary>The sender a create request is paced by; requests without it (lookups) are not paced.</summary>
    public static readonly HttpRequestOptionsKey<string> Sender = new("mmb.twilio.sender");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(Sender, out var sender))
        {
            await rateLimiter.WaitAsync(sender, cancellationToken);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
