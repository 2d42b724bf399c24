using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MobilityMentoring.Bot.Benchmarks;

/// <summary>Twilio's Messages API on loopback, unthrottled: answers 201 and counts.</summary>
public sealed class CountingTwilio : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly System.Collections.Concurrent.ConcurrentQueue<long> acceptedAt = new();
    private readonly DateTimeOffset startedAt = DateTimeOffset.UtcNow;
    private readonly long startedTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> byRecipient = new(StringComparer.Ordinal);
    private int accepted;

    private CountingTwilio(WebApplication app) => this.app = app;

    public string BaseUrl { get; private set; } = "";

    public int Accepted => Volatile.Read(ref accepted);

    /// <summary>The wall-clock time of a <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> value, to compare with the database's clock.</summary>
    public DateTimeOffset WallClockOf(long timestamp) => startedAt + System.Diagnostics.Stopwatch.GetElapsedTime(startedTimestamp, timestamp);

    /// <summary>When each message was accepted, as <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> values.</summary>
    public IReadOnlyList<long> AcceptedAt => [.. acceptedAt];

    /// <summary>Messages accepted per recipient (the To field), e.g. to find a reply sent twice.</summary>
    public int AcceptedFor(string recipient) => byRecipient.GetValueOrDefault(recipient);

    /// <summary>Every recipient with how many messages were accepted for it.</summary>
    public IReadOnlyDictionary<string, int> AcceptedByRecipient => new Dictionary<string, int>(byRecipient, StringComparer.Ordinal);

    public static async Task<CountingTwilio> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var twilio = new CountingTwilio(app);
        app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            twilio.byRecipient.AddOrUpdate(form["To"].ToString(), 1, (_, n) => n + 1);
            twilio.acceptedAt.Enqueue(System.Diagnostics.Stopwatch.GetTimestamp());
            Interlocked.Increment(ref twilio.accepted);
            context.Response.StatusCode = 201;
            await context.Response.WriteAsJsonAsync(new { sid = "SM" + Guid.NewGuid().ToString("N"), status = "queued" });
        });
        await app.StartAsync();
        twilio.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return twilio;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
