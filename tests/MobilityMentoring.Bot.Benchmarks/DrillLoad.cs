using System.Diagnostics;

namespace MobilityMentoring.Bot.Benchmarks;

public enum WebhookOutcome
{
    /// <summary>200 with empty TwiML: stored, and the reply goes by the REST API.</summary>
    Answered,

    /// <summary>200 with a &lt;Message&gt; in the TwiML: the service's reply when it cannot store the message.</summary>
    StaticReply,

    /// <summary>An HTTP error status: Twilio logs it and does not retry an inbound message.</summary>
    Error,

    /// <summary>No connection, a reset, or no answer within Twilio's 15 s: Twilio logs 11200 and does not retry.</summary>
    NotAnswered,
}

/// <summary>One webhook of a drill and what became of it. <paramref name="Phase"/> is the drill's phase when it was sent.</summary>
public sealed record DrillWebhook(string From, string MessageSid, string Phase, string Url, WebhookOutcome Outcome, int? Status);

/// <summary>
/// Open-loop load for a fault drill: signed webhooks at a fixed rate, each from a client of its own
/// (<see cref="SeededClients.Phone"/> 1, 2, 3, …) with its own MessageSid, so a reply at Twilio belongs to exactly one webhook.
/// Sending goes on through the fault: what the service does not answer is what Twilio would have seen fail.
/// </summary>
public sealed class DrillLoad : IDisposable
{
    /// <summary>How long Twilio waits for a webhook's answer.</summary>
    public static readonly TimeSpan TwilioTimeout = TimeSpan.FromSeconds(15);

    private readonly HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 512, ConnectTimeout = TwilioTimeout }) { Timeout = TwilioTimeout };
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly List<Task<DrillWebhook>> sent = [];
    private readonly CancellationTokenSource stop = new();
    private Task? loop;
    private string phase = "";

    private DrillLoad()
    {
    }

    public TimeSpan Elapsed => clock.Elapsed;

    /// <summary>Set when the seeded clients ran out before the drill stopped the load.</summary>
    public bool RanOutOfClients { get; private set; }

    /// <summary>Starts sending <paramref name="rate"/> webhooks a second; webhook i goes to <paramref name="urlOf"/>(i), signed for <paramref name="signedUrl"/>.</summary>
    public static DrillLoad Start(int rate, int clients, Func<int, string> urlOf, string signedUrl, string phase)
    {
        var load = new DrillLoad { phase = phase };
        load.loop = Task.Run(() => load.SendAsync(rate, clients, urlOf, signedUrl));
        return load;
    }

    /// <summary>Webhooks sent from now on are counted under <paramref name="name"/>.</summary>
    public void Phase(string name)
    {
        Volatile.Write(ref phase, name);
        Console.WriteLine($"  {clock.Elapsed.TotalSeconds,5:F1} s  {name}");
    }

    /// <summary>Stops sending and waits for every webhook's answer (at most Twilio's timeout).</summary>
    public async Task<IReadOnlyList<DrillWebhook>> StopAsync()
    {
        await stop.CancelAsync();
        await loop!;
        return await Task.WhenAll(sent);
    }

    public void Dispose()
    {
        http.Dispose();
        stop.Dispose();
    }

    private async Task SendAsync(int rate, int clients, Func<int, string> urlOf, string signedUrl)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            if (i >= clients)
            {
                RanOutOfClients = true;
                return;
            }

            var wait = TimeSpan.FromSeconds(i / (double)rate) - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                try
                {
                    await Task.Delay(wait, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            sent.Add(SendOneAsync(urlOf(i), signedUrl, SeededClients.Phone(i + 1), Volatile.Read(ref phase)));
        }
    }

    private async Task<DrillWebhook> SendOneAsync(string url, string signedUrl, string from, string phaseName)
    {
        var sid = "SM" + Guid.NewGuid().ToString("N");
        using var request = SignedWebhook.Create(url, signedUrl, from, sid);
        try
        {
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var outcome = !response.IsSuccessStatusCode ? WebhookOutcome.Error
                : body.Contains("<Message", StringComparison.Ordinal) ? WebhookOutcome.StaticReply
                : WebhookOutcome.Answered;
            return new DrillWebhook(from, sid, phaseName, url, outcome, (int)response.StatusCode);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return new DrillWebhook(from, sid, phaseName, url, WebhookOutcome.NotAnswered, null);
        }
    }
}
