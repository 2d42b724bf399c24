using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.Benchmarks;

/// <summary>
/// Twilio-signed inbound webhooks at a fixed rate against the service on PostgreSQL. Every message is a full turn:
/// stored, processed in its transaction with the client's lock, answered through the outbox and the fake Twilio.
/// </summary>
public static class InboundWebhookBenchmark
{
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        Console.WriteLine($"inbound webhooks: {options.Rate}/s for {options.Seconds} s over {options.Clients} clients, {Environment.ProcessorCount} cores");
        await using var database = await BenchmarkDatabase.CreateAsync(options.PostgresBase, "mmb_bench");
        await using var twilio = await CountingTwilio.StartAsync();
        var serviceUrl = ServiceProcess.FreeLoopbackUrl();
        await using var service = await ServiceProcess.StartAsync(serviceUrl, SignedWebhook.ServiceEnvironment(database.ConnectionString, twilio.BaseUrl, serviceUrl));
        var publicUrl = service.BaseUrl + "/twilio/messages";

        var phones = await SeedClientsAsync(database.ConnectionString, options.Clients);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };

        // Warm-up until tiered compilation has settled: on two cores the JIT needs tens of seconds of traffic before
        // EF Core, Npgsql and ASP.NET run their optimised code. Measuring earlier measures the JIT. The last seconds run at
        // the measured rate, so both sides' connection pools and thread pools have grown to it before the clock starts.
        var fullRateSeconds = Math.Min(10, options.WarmUpSeconds / 4);
        var warmUp = await SendAtRateAsync(http, publicUrl, phones, Math.Min(200, options.Rate), options.WarmUpSeconds - fullRateSeconds);
        warmUp.AddRange(await SendAtRateAsync(http, publicUrl, phones, options.Rate, fullRateSeconds));
        var warmUpClock = Stopwatch.StartNew();
        while (twilio.Accepted < warmUp.Count(r => r.Ok) && warmUpClock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(50);
        }

        Console.WriteLine($"warm-up              {warmUp.Count(r => r.Ok)} of {warmUp.Count} webhooks answered 200, {twilio.Accepted} replies at Twilio");

        var acceptedBefore = twilio.Accepted;
        var workBefore = await database.WorkAsync();
        var cpuBefore = service.CpuTime;
        var ownPauseBefore = GC.GetTotalPauseDuration();
        var ownFullCollectionsBefore = GC.CollectionCount(2);
        var clock = Stopwatch.StartNew();
        var startedAt = DateTimeOffset.UtcNow;
        var results = await SendAtRateAsync(http, publicUrl, phones, options.Rate, options.Seconds);
        var sendSeconds = clock.Elapsed.TotalSeconds;
        var expected = acceptedBefore + results.Count(r => r.Ok);
        while (twilio.Accepted < expected && clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            await Task.Delay(10);
        }

        var allRepliedSeconds = clock.Elapsed.TotalSeconds;
        var cpu = service.CpuTime - cpuBefore;
        var ownPause = GC.GetTotalPauseDuration() - ownPauseBefore;
        var ownFullCollections = GC.CollectionCount(2) - ownFullCollectionsBefore;
        var work = await database.WorkAsync() - workBefore;

        var latencies = results.Where(r => r.Ok).Select(r => r.Latency.TotalMilliseconds).Order().ToArray();
        Console.WriteLine($"sent                 {results.Count} webhooks in {sendSeconds:F1} s = {results.Count / sendSeconds:F0}/s, {results.Count(r => !r.Ok)} not 200");
        Console.WriteLine($"webhook latency ms   p50 {Percentile(latencies, 50):F1}  p90 {Percentile(latencies, 90):F1}  p99 {Percentile(latencies, 99):F1}  max {latencies.LastOrDefault():F1}");
        Console.WriteLine($"slow webhooks        {SlowOnes(results, 50, startedAt)}");
        Console.WriteLine($"replies at Twilio    {twilio.Accepted - acceptedBefore} of {expected - acceptedBefore}, last {allRepliedSeconds - sendSeconds:F2} s after the last webhook");
        Console.WriteLine($"service CPU          {cpu.TotalSeconds:F1} s = {cpu.TotalSeconds / sendSeconds * 100:F0}% of one core");
        // The load generator's own pauses count as latency too (open loop): they are shown, not subtracted.
        Console.WriteLine($"load generator GC    {ownPause.TotalMilliseconds:F0} ms paused, {ownFullCollections} full collections");
        Console.WriteLine($"database             {work.Commits} commits ({work.Commits / (double)results.Count:F1} per message), {work.RowsWritten} rows written, {work.BlocksRead} blocks read");
        Console.WriteLine("pgbench (TPC-B-like, scale 10, 8 clients, 10 s, same server):");
        Console.WriteLine(await BenchmarkDatabase.PgbenchAsync(options.PostgresBase, 10));
        return 0;
    }

    private readonly record struct Result(bool Ok, TimeSpan Due, TimeSpan Latency);

    /// <summary>Whether the slow webhooks come in a few bunches (a pause somewhere) or all through the run (a busy machine).</summary>
    private static string SlowOnes(List<Result> results, double thresholdMs, DateTimeOffset startedAt)
    {
        var slow = results.Where(r => r.Latency.TotalMilliseconds > thresholdMs).ToList();
        if (slow.Count == 0)
        {
            return $"none over {thresholdMs:F0} ms";
        }

        var bySecond = slow.GroupBy(r => (int)r.Due.TotalSeconds).OrderByDescending(g => g.Count()).ToList();
        var worst = string.Join(", ", bySecond.Take(3).Select(g => $"{g.Count()} at {g.Key} s ({startedAt.AddSeconds(g.Key):HH:mm:ss} UTC)"));
        return $"{slow.Count} over {thresholdMs:F0} ms, in {bySecond.Count} of the seconds; most: {worst}";
    }

    /// <summary>Open loop: request i is due at i/rate seconds and its latency counts from then, not from when it went out.</summary>
    private static async Task<List<Result>> SendAtRateAsync(HttpClient http, string url, List<string> phones, int rate, int seconds)
    {
        var total = rate * seconds;
        var tasks = new List<Task<Result>>(total);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / (double)rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            tasks.Add(SendOneAsync(http, url, phones[i % phones.Count], clock, due));
        }

        return [.. await Task.WhenAll(tasks)];
    }

    private static async Task<Result> SendOneAsync(HttpClient http, string url, string from, Stopwatch clock, TimeSpan due)
    {
        var sid = "SM" + Guid.NewGuid().ToString("N");
        using var request = SignedWebhook.Create(url, url, from, sid);
        try
        {
            using var response = await http.SendAsync(request);
            return new Result(response.IsSuccessStatusCode, due, clock.Elapsed - due);
        }
        catch (HttpRequestException)
        {
            return new Result(false, due, clock.Elapsed - due);
        }
    }

    private static async Task<List<string>> SeedClientsAsync(string connectionString, int count)
    {
        var options = new DbContextOptionsBuilder<PostgresBotDbContext>().UseNpgsql(connectionString).Options;
        await using var db = new PostgresBotDbContext(options);
        var now = DateTimeOffset.UtcNow;
        var mentor = new BotUser { UserName = "bench-mentor@test", Email = "bench-mentor@test", FirstName = "Sanne" };
        var programme = new Programme { Name = "Benchmark", CreatedAt = now };
        var phones = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var phone = "+3161" + (1_000_000 + i).ToString(CultureInfo.InvariantCulture);
            phones.Add(phone);
            programme.Clients.Add(new Client { Phone = PhoneNumber.FromE164(phone), Mentor = mentor, ConsentAt = now, ConsentVersion = "1", CreatedAt = now });
        }

        db.Programmes.Add(programme);
        await db.SaveChangesAsync();
        return phones;
    }

    private static double Percentile(double[] sorted, int percentile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1)];
}
