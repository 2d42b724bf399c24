using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using MobilityMentoring.Bot.Accounts;
using Npgsql;

namespace MobilityMentoring.Bot.Benchmarks;

/// <summary>
/// The mentor's caseload page on PostgreSQL, for a mentor with --clients clients (150) and twelve weeks of history,
/// among 2,000 other mentors' clients: signs in through the form like a browser behind the TLS proxy, then times the page.
/// </summary>
public static partial class CaseloadBenchmark
{
    private const string Email = "caseload@bench.test", Password = "Caseload-bench-2026";

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var clients = options.Clients == 1000 ? 150 : options.Clients;
        Console.WriteLine($"caseload page: a mentor with {clients} clients and 12 weeks of history, {Environment.ProcessorCount} cores");
        await using var database = await BenchmarkDatabase.CreateAsync(options.PostgresBase, "mmb_bench_caseload");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Postgres"] = database.ConnectionString + ";SSL Mode=Disable",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Reminders__PlannerEnabled"] = "false",
            ["Proxy__KnownProxies__0"] = "127.0.0.1",
        };
        await ServiceProcess.RunToEndAsync(["migrate"], environment);
        await SeedAsync(database.ConnectionString, clients);
        await using var service = await ServiceProcess.StartAsync(ServiceProcess.FreeLoopbackUrl(), environment);

        using var http = new HttpClient(new BehindTlsProxy(new Uri(service.BaseUrl))) { BaseAddress = new Uri(service.BaseUrl) };
        var form = await http.GetStringAsync("/account/sign-in");
        var token = Token().Match(form).Groups[1].Value;
        using var signIn = await http.PostAsync("/account/sign-in", new FormUrlEncodedContent(
            [new("Email", Email), new("Password", Password), new("__RequestVerificationToken", token)]));
        if (signIn.StatusCode != HttpStatusCode.Redirect)
        {
            Console.WriteLine($"sign-in failed: {(int)signIn.StatusCode}");
            return 1;
        }

        for (var i = 0; i < 30; i++)
        {
            await http.GetStringAsync("/");
        }

        var times = new List<double>();
        var rows = 0;
        for (var i = 0; i < 100; i++)
        {
            var clock = Stopwatch.StartNew();
            var html = await http.GetStringAsync("/");
            times.Add(clock.Elapsed.TotalMilliseconds);
            rows = Regex.Count(html, "<tr data-client=");
        }

        times.Sort();
        Console.WriteLine($"rows on the page     {rows}");
        Console.WriteLine($"render ms (100 runs) p50 {times[49]:F1}  p95 {times[94]:F1}  max {times[^1]:F1}");
        return 0;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    private static async Task SeedAsync(string connectionString, int clients)
    {
        var hash = new PasswordHasher<BotUser>().HashPassword(new BotUser(), Password);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            INSERT INTO asp_net_users (id, first_name, language, user_name, normalized_user_name, email, normalized_email, email_confirmed, password_hash,
                                       phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count, security_stamp, concurrency_stamp)
            VALUES ('bench-mentor', 'Sanne', 'nl', '{Email}', '{Email.ToUpperInvariant()}', '{Email}', '{Email.ToUpperInvariant()}', true, @hash,
                    false, false, true, 0, 'stamp', 'x'),
                   ('other-mentor', 'Els', 'nl', 'other@bench.test', 'OTHER@BENCH.TEST', 'other@bench.test', 'OTHER@BENCH.TEST', true, null,
                    false, false, true, 0, 'stamp2', 'y');
            INSERT INTO asp_net_user_roles (user_id, role_id) SELECT 'bench-mentor', id FROM asp_net_roles WHERE name = 'Mentor';
            INSERT INTO programmes (name, time_zone, points_per_step, milestone_every, created_at, days_mask, window_start, window_end, quiet_from,
                                    quiet_until, hard_topics_until, follow_up_after, follow_ups, max_per_week, max_per_day, max_per_step,
                                    unreachable_after_days, unreachable_nudge_every_days)
            VALUES ('Benchmark', 'Europe/Amsterdam', 10, 50, now(), 127, '09:00', '20:00', '20:00', '09:00', '12:00', '24:00:00', 1, 3, 1, 2, 14, 30);
            INSERT INTO clients (programme_id, mentor_id, first_name, phone, channel, language, time_zone, consent_at, consent_version, last_inbound_at, created_at)
            SELECT (SELECT max(id) FROM programmes), CASE WHEN i <= {clients} THEN 'bench-mentor' ELSE 'other-mentor' END, 'Client ' || i,
                   '+3163' || lpad(i::text, 7, '0'), 'Sms', 'nl', 'Europe/Amsterdam', now() - interval '90 days', '1',
                   now() - (i % 20) * interval '1 day', now() - interval '90 days'
            FROM generate_series(1, {clients} + 2000) i;
            INSERT INTO goals (client_id, pillar, title, status, created_at)
            SELECT id, 'FinancialManagement', 'Schulden op een rij', 'Active', now() - interval '84 days' FROM clients;
            INSERT INTO steps (goal_id, text, due_date, due_part, status, position, needs_verification, created_at, completed_at)
            SELECT g.id, 'stap ' || w, (now() - (84 - w * 2) * interval '1 day')::date, 'Morning',
                   CASE WHEN w = 42 THEN 'Active' ELSE 'Done' END, w, false, now() - (85 - w * 2) * interval '1 day',
                   CASE WHEN w = 42 THEN NULL ELSE now() - (84 - w * 2) * interval '1 day' END
            FROM goals g, generate_series(1, 42) w;
            INSERT INTO check_ins (step_id, planned_at, sent_at, answered_at, outcome)
            SELECT s.id, s.due_date + time '09:30', s.due_date + time '09:30', CASE WHEN s.position % 4 = 0 THEN NULL ELSE s.due_date + time '10:00' END,
                   CASE WHEN s.position % 4 = 0 THEN NULL WHEN s.position % 4 = 1 THEN 'NotYet' ELSE 'Done' END
            FROM steps s;
            INSERT INTO messages (client_id, direction, channel, "from", "to", body, origin, status, attempts, created_at)
            SELECT c.id, CASE WHEN n % 2 = 0 THEN 'Inbound' ELSE 'Outbound' END, 'Sms', '+3197010000001', c.phone, 'bericht ' || n,
                   CASE WHEN n % 2 = 0 THEN 'Reply' ELSE 'Proactive' END, CASE WHEN n % 2 = 0 THEN 'Processed' ELSE 'Delivered' END, 1,
                   now() - n * interval '12 hours'
            FROM clients c, generate_series(1, 168) n;
            INSERT INTO reward_entries (kind, client_id, points, reason, step_id, created_at)
            SELECT 'StepPoints', g.client_id, 10, 'step done', s.id, s.completed_at FROM steps s JOIN goals g ON g.id = s.goal_id WHERE s.status = 'Done';
            INSERT INTO flags (client_id, kind, raised_at) SELECT id, CASE WHEN id % 3 = 0 THEN 'Help' ELSE 'Unreachable' END, now() - interval '2 days'
            FROM clients WHERE id % 10 = 0;
            ANALYZE;
            """, connection);
        command.Parameters.AddWithValue("hash", hash);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }
}
