using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace MobilityMentoring.Bot.Benchmarks;

/// <summary>
/// Many clients due at once: the service's own minutely planner (Hangfire on PostgreSQL) asks each about their step,
/// and the outbox hands every check-in to a fake Twilio. Prints the time until all are at Twilio, the database work,
/// and the send rate against the sender limit (--mps).
/// </summary>
public static class ReminderBenchmark
{
    private const string Sender = "+3197010000001";

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        Console.WriteLine($"reminders: {options.Clients} clients due at once, sender limit {options.MessagesPerSecond}/s, {Environment.ProcessorCount} cores");
        await using var database = await BenchmarkDatabase.CreateAsync(options.PostgresBase, "mmb_bench_reminders");
        await using var twilio = await CountingTwilio.StartAsync();
        var connectionString = database.ConnectionString + ";SSL Mode=Disable;Max Auto Prepare=50;Auto Prepare Min Usages=2";
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

        // Migrate first (the service's own `migrate`), then seed, then start: the first planner run finds everyone due.
        await ServiceProcess.RunToEndAsync(["migrate"], environment);

        var zone = await SeedAsync(connectionString, options.Clients);
        Console.WriteLine($"seeded               {options.Clients} clients with a step due now (time zone {zone}: midday there)");
        var workBefore = await database.WorkAsync();
        var clock = Stopwatch.StartNew();
        await using var service = await ServiceProcess.StartAsync(ServiceProcess.FreeLoopbackUrl(), environment);
        var cpuBefore = service.CpuTime;
        Console.WriteLine($"service ready        {clock.Elapsed.TotalSeconds:F1} s; the planner runs at the next minute");

        var lastProgress = clock.Elapsed;
        while (twilio.Accepted < options.Clients && clock.Elapsed - lastProgress < TimeSpan.FromSeconds(120))
        {
            var before = twilio.Accepted;
            await Task.Delay(1000);
            if (twilio.Accepted > before)
            {
                lastProgress = clock.Elapsed;
            }
        }

        var times = twilio.AcceptedAt.Order().ToArray();
        var cpu = service.CpuTime - cpuBefore;
        var work = await database.WorkAsync() - workBefore;
        if (times.Length == 0)
        {
            Console.WriteLine("nothing reached Twilio");
            return 1;
        }

        var span = Stopwatch.GetElapsedTime(times[0], times[^1]).TotalSeconds;
        Console.WriteLine($"at Twilio            {times.Length} of {options.Clients} check-ins, first to last {span:F1} s = {times.Length / Math.Max(span, 0.001):F0}/s");
        Console.WriteLine($"busiest windows      1 s: {MaxInWindow(times, 1)} messages; 10 s: {MaxInWindow(times, 10)} = {MaxInWindow(times, 10) / 10.0:F1}/s (limit {options.MessagesPerSecond}/s; "
                          + "a sliding 1 s window holds limit+1 at perfect spacing, and loopback jitter moves arrivals a few ms)");
        Console.WriteLine($"service CPU          {cpu.TotalSeconds:F1} s over {clock.Elapsed.TotalSeconds:F0} s");
        Console.WriteLine($"database             {work.Commits} commits ({work.Commits / (double)Math.Max(1, times.Length):F1} per check-in), {work.RowsWritten} rows written, {work.BlocksRead} blocks read");
        Console.WriteLine($"planner              {await PlannerSpanAsync(connectionString)}");
        Console.WriteLine($"duplicates           {await DuplicatesAsync(connectionString)} clients asked more than once");
        return 0;
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

    /// <summary>Clients, a goal and a step each, written by SQL: seeding 100,000 through EF would take longer than the run.</summary>
    private static async Task<string> SeedAsync(string connectionString, int count)
    {
        // A zone where it is about noon now, so quiet hours never hold the run back whatever the hour here.
        var offset = 12 - DateTime.UtcNow.Hour;
        offset = offset > 12 ? offset - 24 : offset < -11 ? offset + 24 : offset;
        var zone = offset == 0 ? "Etc/GMT" : $"Etc/GMT{(offset > 0 ? "-" : "+")}{Math.Abs(offset)}";
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            INSERT INTO asp_net_users (id, first_name, language, user_name, normalized_user_name, email, normalized_email, email_confirmed, phone_number_confirmed,
                                       two_factor_enabled, lockout_enabled, access_failed_count, security_stamp, concurrency_stamp)
            VALUES ('bench-mentor', 'Sanne', 'nl', 'bench@test', 'BENCH@TEST', 'bench@test', 'BENCH@TEST', true, false, false, false, 0, 'x', 'x');
            INSERT INTO programmes (name, time_zone, points_per_step, milestone_every, created_at, days_mask, window_start, window_end, quiet_from,
                                    quiet_until, hard_topics_until, follow_up_after, follow_ups, max_per_week, max_per_day, max_per_step,
                                    unreachable_after_days, unreachable_nudge_every_days)
            VALUES ('Benchmark', '{zone}', 10, 50, now(), 127, '09:00', '20:00', '20:00', '09:00', '12:00', '24:00:00', 1, 3, 1, 2, 14, 30);
            INSERT INTO clients (programme_id, mentor_id, first_name, phone, channel, language, time_zone, consent_at, preferred_time,
                                 next_contact_at, last_inbound_at, created_at)
            SELECT (SELECT max(id) FROM programmes), 'bench-mentor', 'Fatima', '+3162' || lpad(i::text, 7, '0'), 'Sms', 'nl', '{zone}',
                   now() - interval '2 days', (now() AT TIME ZONE '{zone}')::time - interval '1 minute', now() - interval '1 minute',
                   now() - interval '1 day', now() - interval '2 days'
            FROM generate_series(1, {count}) i;
            INSERT INTO goals (client_id, pillar, title, status, created_at)
            SELECT id, 'WellBeing', 'Beter slapen', 'Active', now() - interval '2 days' FROM clients;
            INSERT INTO steps (goal_id, text, due_date, due_part, status, position, needs_verification, created_at)
            SELECT id, 'om 11 uur de telefoon weg', (now() AT TIME ZONE '{zone}')::date, 'Morning', 'Active', 0, false, now() - interval '1 day' FROM goals;
            ANALYZE;
            """, connection);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
        return zone;
    }

    private static async Task<string> PlannerSpanAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*), coalesce(extract(epoch FROM max(sent_at) - min(sent_at)), 0) FROM check_ins", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var seconds = Convert.ToDouble(reader.GetValue(1), CultureInfo.InvariantCulture);
        return $"{reader.GetInt64(0)} check-ins written, first to last {seconds:F1} s = {reader.GetInt64(0) / Math.Max(seconds, 0.001):F0}/s";
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
