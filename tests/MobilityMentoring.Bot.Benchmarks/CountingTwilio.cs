using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MobilityMentoring.Bot.Benchmarks;

/// <summary>Twilio's Messages API on loopback, unthrottled: answers 201 and counts; lists what it accepted (GET), for lookups of sends in doubt.</summary>
public sealed class CountingTwilio : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly System.Collections.Concurrent.ConcurrentQueue<long> acceptedAt = new();
    private readonly DateTimeOffset startedAt = DateTimeOffset.UtcNow;
    private readonly long startedTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> byRecipient = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentQueue<CreatedMessage> created = new();
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
            var sid = "SM" + Guid.NewGuid().ToString("N");
            twilio.created.Enqueue(new CreatedMessage(sid, form["To"].ToString(), form["From"].ToString(), form["Body"].ToString(), DateTimeOffset.UtcNow));
            twilio.byRecipient.AddOrUpdate(form["To"].ToString(), 1, (_, n) => n + 1);
            twilio.acceptedAt.Enqueue(System.Diagnostics.Stopwatch.GetTimestamp());
            Interlocked.Increment(ref twilio.accepted);
            context.Response.StatusCode = 201;
            await context.Response.WriteAsJsonAsync(new { sid, status = "queued" });
        });
        // Read multiple messages, as a sender looks up whether a send in doubt reached Twilio: To, From and DateSent
        // (DateSent>= / DateSent<=, a date or a time in UTC) filter; one page with everything.
        app.MapGet("/2010-04-01/Accounts/{sid}/Messages.json", (HttpContext context, string sid) =>
        {
            var query = context.Request.Query;
            var matches = twilio.created.Where(m => Matches(query, m)).OrderByDescending(m => m.At).ToList();
            var uri = context.Request.Path + context.Request.QueryString;
            return Results.Json(new Dictionary<string, object?>
            {
                ["messages"] = matches.Select(m => new Dictionary<string, object?>
                {
                    ["sid"] = m.Sid, ["account_sid"] = sid, ["to"] = m.To, ["from"] = m.From, ["body"] = m.Body,
                    ["status"] = "sent", ["direction"] = "outbound-api", ["error_code"] = null, ["num_segments"] = "1",
                    ["date_created"] = Rfc2822(m.At), ["date_sent"] = Rfc2822(m.At), ["date_updated"] = Rfc2822(m.At),
                    ["uri"] = $"/2010-04-01/Accounts/{sid}/Messages/{m.Sid}.json",
                }).ToList(),
                ["page"] = 0, ["page_size"] = Math.Max(50, matches.Count), ["start"] = 0, ["end"] = Math.Max(0, matches.Count - 1),
                ["uri"] = uri, ["first_page_uri"] = uri, ["next_page_uri"] = null, ["previous_page_uri"] = null,
            });
        });
        await app.StartAsync();
        twilio.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return twilio;
    }

    private static bool Matches(IQueryCollection query, CreatedMessage message)
    {
        bool Is(string key, string value) => !query.TryGetValue(key, out var wanted) || wanted.ToString() == value;
        DateTimeOffset? Time(string key) => query.TryGetValue(key, out var value)
            && DateTimeOffset.TryParse(value.ToString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time)
            ? time : null;
        var on = Time("DateSent");
        return Is("To", message.To) && Is("From", message.From)
               && (Time("DateSent>") is not { } after || message.At >= after)
               && (Time("DateSent<") is not { } before || message.At <= before)
               && (on is null || message.At.UtcDateTime.Date == on.Value.UtcDateTime.Date);
    }

    private static string Rfc2822(DateTimeOffset time) => time.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", System.Globalization.CultureInfo.InvariantCulture);

    private sealed record CreatedMessage(string Sid, string To, string From, string Body, DateTimeOffset At);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
