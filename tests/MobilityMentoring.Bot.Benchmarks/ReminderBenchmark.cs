using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace MobilityMentoring.Bot.Benchmarks;

/// <summary>
/// Many clients due at once: the service's own minutely planner (Hangfire on PostgreSQL) asks each about their step,
/// and the outbox hands every check-in to a fake Twilio. A smaller cohort goes first, so the service runs warm (as it
/// would at 09:00 after a night of running) before the big one falls due. Prints the time from the planner's tick
/// until all are at Twilio, the database work, and the send rate against the sender limit (--mps).
/// </summary>
public static class ReminderBenchmark
{
    private const string Sender = "+3197010000001";

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        Console.WriteLine($"reminders: {options.Clients} clients due at once after a warm-up cohort of {options.WarmUpClients}, "
                          + $"sender limit {options.MessagesPerSecond}/s, {Environment.ProcessorCount} cores");
        await using var database = await BenchmarkDatabase.CreateAsync(options.PostgresBase, "mmb_bench_reminders");
        await using var twilio = await CountingTwilio.StartAsync();
        var connectionString = database.ConnectionString + ";SSL Mode=Disable";
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Postgres"] = connectionString,
            ["Twilio__AccountSid"] = "AC0123456789abcdef0123456789abcdef",
            ["Twilio__AuthToken"] = "bench-token",
            ["Twilio__PublicBaseUrl"] = "http://127.0.0.1",
            ["Twilio__SmsFrom"] = Sender,
            ["Twilio__ApiBaseUrl"] = twilio.BaseUrl,
            ["Twilio__MessagesPerSecond"] = options.MessagesPerSecond.ToString(CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Simulator__Enabled"] = "false",
            ["Jobs__QueuePollInterval"] = "00:00:01",
            ["Outbox__SendConcurrency"] = Environment.GetEnvironmentVariable("MMB_BENCH_SEND_CONCURRENCY") ?? "8",
            ["Outbox__BatchSize"] = Environment.GetEnvironmentVariable("MMB_BENCH_OUTBOX_BATCH") ?? "50",
        };

        // Migrate first (the service's own `migrate`), then seed, then start: the first planner run finds the warm-up cohort due.
        await ServiceProcess.RunToEndAsync(["migrate"], environment);
        var warm = Math.Max(0, options.WarmUpClients);
        var zone = await SeededClients.WithStepDueTodayAsync(connectionString, options.Clients, warm);
        Console.WriteLine($"seeded               {warm} + {options.Clients} clients with a step due today (time zone {zone}: midday there)");
        await using var service = await ServiceProcess.StartAsync(ServiceProcess.FreeLoopbackUrl(), environment);
        if (warm > 0)
        {
            var warmClock = Stopwatch.StartNew();
            await WaitForTwilioAsync(twilio, warm);
            Console.WriteLine($"warm-up              {twilio.Accepted} of {warm} check-ins at Twilio, {warmClock.Elapsed.TotalSeconds:F0} s after start (incl. the wait for the minute)");
        }

        var acceptedBefore = twilio.Accepted;
        var workBefore = await database.WorkAsync();
        var cpuBefore = service.CpuTime;
        var due = await MakeDueAsync(connectionString, warm);
        Console.WriteLine($"due                  {options.Clients} clients at {due:HH:mm:ss.f}; the planner picks them up at its next minutely run");
        await WaitForTwilioAsync(twilio, acceptedBefore + options.Clients);

        var times = twilio.AcceptedAt.Order().Skip(acceptedBefore).ToArray();
        var cpu = service.CpuTime - cpuBefore;
        var work = await database.WorkAsync() - workBefore;
        if (times.Length == 0)
        {
            Console.WriteLine("nothing reached Twilio");
            return 1;
        }

        var planner = await PlannerRunAsync(connectionString, warm);
        var lastAtTwilio = twilio.WallClockOf(times[^1]);
        var span = Stopwatch.GetElapsedTime(times[0], times[^1]).TotalSeconds;
        Console.WriteLine($"planner run          ticked at {planner.Tick:HH:mm:ss} ({(planner.Tick - due).TotalSeconds:F0} s after due: it runs every minute); "
                          + $"first check-in written {(planner.First - planner.Tick).TotalSeconds:F1} s after the tick, last {(planner.Last - planner.Tick).TotalSeconds:F1} s after "
                          + $"= {planner.Count / Math.Max((planner.Last - planner.First).TotalSeconds, 0.001):F0}/s");
        Console.WriteLine($"at Twilio            {times.Length} of {options.Clients} check-ins, ALL {(lastAtTwilio - planner.Tick).TotalSeconds:F1} s after the planner's tick "
                          + $"(first to last at Twilio {span:F1} s = {times.Length / Math.Max(span, 0.001):F0}/s)");
        var perFiveSeconds = times.GroupBy(t => (int)((twilio.WallClockOf(t) - planner.Tick).TotalSeconds / 5)).OrderBy(g => g.Key)
            .Select(g => $"{g.Key * 5}s:{g.Count()}");
        Console.WriteLine($"at Twilio per 5 s    {string.Join(" ", perFiveSeconds)}");
        Console.WriteLine($"busiest windows      1 s: {MaxInWindow(times, 1)} messages; 10 s: {MaxInWindow(times, 10)} = {MaxInWindow(times, 10) / 10.0:F1}/s (limit {options.MessagesPerSecond}/s; "
                          + "a sliding 1 s window holds limit+1 at perfect spacing, and loopback jitter moves arrivals a few ms)");
        Console.WriteLine($"service CPU          {cpu.TotalSeconds:F1} s from due to the last at Twilio");
        Console.WriteLine($"database             {work.Commits} commits ({work.Commits / (double)Math.Max(1, times.Length):F1} per check-in), {work.RowsWritten} rows written, {work.BlocksRead} blocks read");
        Console.WriteLine($"duplicates           {await DuplicatesAsync(connectionString)} clients asked more than once");
        return 0;
    }

    /// <summary>Until Twilio has <paramref name="count"/> messages, or nothing new arrived for two minutes.</summary>
    private static async Task WaitForTwilioAsync(CountingTwilio twilio, int count)
    {
        var clock = Stopwatch.StartNew();
        var lastProgress = clock.Elapsed;
        while (twilio.Accepted < count && clock.Elapsed - lastProgress < TimeSpan.FromSeconds(120))
        {
            var before = twilio.Accepted;
            await Task.Delay(100);
            if (twilio.Accepted > before)
            {
                lastProgress = clock.Elapsed;
            }
        }
    }

    /// <summary>The most messages accepted within any window of <paramref name="seconds"/>.</summary>
    private static int MaxInWindow(long[] times, int seconds)
    {
        var max = 0;
        for (int start = 0, end = 0; end < times.Length; end++)
        {
            while (Stopwatch.GetElapsedTime(times[start], times[end]) >= TimeSpan.FromSeconds(seconds))
            {
                start++;
            }

            max = Math.Max(max, end - start + 1);
        }

        return max;
    }

    /// <summary>The big cohort falls due now (the first <paramref name="warm"/> clients were the warm-up). Returns the moment.</summary>
    private static async Task<DateTimeOffset> MakeDueAsync(string connectionString, int warm)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"UPDATE clients SET next_contact_at = now() WHERE id > (SELECT min(id) FROM clients) + {warm} - 1; SELECT now()", connection);
        return (DateTimeOffset)(DateTime)(await command.ExecuteScalarAsync())!;
    }

    private sealed record PlannerRun(DateTimeOffset Tick, DateTimeOffset First, DateTimeOffset Last, long Count);

    /// <summary>The planner's run for the big cohort: the minute it ticked, and its first and last check-in written.</summary>
    private static async Task<PlannerRun> PlannerRunAsync(string connectionString, int warm)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            SELECT date_trunc('minute', min(k.sent_at)), min(k.sent_at), max(k.sent_at), count(*)
            FROM check_ins k JOIN steps s ON s.id = k.step_id JOIN goals g ON g.id = s.goal_id
            WHERE g.client_id > (SELECT min(id) FROM clients) + {warm} - 1
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new PlannerRun(reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1),
            reader.GetFieldValue<DateTimeOffset>(2), reader.GetInt64(3));
    }

    private static async Task<long> DuplicatesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM (SELECT client_id FROM messages WHERE direction = 'Outbound' GROUP BY client_id HAVING count(*) > 1) d", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
