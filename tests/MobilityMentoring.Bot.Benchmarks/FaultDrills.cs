using System.Diagnostics;
using System.Globalization;

namespace MobilityMentoring.Bot.Benchmarks;

/// <summary>
/// Fault drills: a fault in the middle of 200 webhooks/s, then a count of what Twilio was told and what it sent.
/// Each drill has a fresh database, the Release service as its own process(es), and a counting fake Twilio.
/// </summary>
public static class FaultDrills
{
    /// <summary>Signed for this URL, as a proxy in front of the instances would have Twilio sign it.</summary>
    private const string PublicBaseUrl = "https://bot.drill.test";

    /// <summary>Long enough for a send in doubt (Outbox:InDoubtAfter, 10 s here) to be queued again by the minutely sweeper, twice over.</summary>
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromMinutes(4);

    private static readonly string[] All = ["kill", "kill2", "pgrestart"];

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var drills = options.Targets.Count > 0 ? options.Targets : All;
        if (drills.Except(All).ToList() is { Count: > 0 } unknown)
        {
            Console.Error.WriteLine($"unknown drill {string.Join(", ", unknown)}; the drills are {string.Join(", ", All)}");
            return 2;
        }

        Console.WriteLine($"fault drills: {string.Join(", ", drills)} at {options.Rate} webhooks/s, {options.Seconds} s either side of the fault, {Environment.ProcessorCount} cores");
        Console.WriteLine(DrillTally.CountingRule);
        var verdicts = new List<(string Drill, bool Holds)>();
        foreach (var drill in drills)
        {
            var clock = Stopwatch.StartNew();
            Console.WriteLine();
            Console.WriteLine($"drill {drill}");
            var holds = drill switch
            {
                "kill" => await KillAsync(options),
                "kill2" => await KillOneOfTwoAsync(options),
                _ => await PostgresRestartAsync(options),
            };
            Console.WriteLine($"  ({clock.Elapsed.TotalSeconds:F0} s in all)");
            verdicts.Add((drill, holds));
        }

        Console.WriteLine();
        foreach (var (drill, holds) in verdicts)
        {
            Console.WriteLine($"{drill,-10} {(holds ? "HOLDS" : "FAILS")}");
        }

        return verdicts.All(v => v.Holds) ? 0 : 1;
    }

    /// <summary>kill -9 the service under load, keep sending, start it again on the same database and port.</summary>
    private static async Task<bool> KillAsync(BenchmarkOptions options)
    {
        await using var rig = await Rig.StartAsync(options.PostgresBase, options);
        var url = ServiceProcess.FreeLoopbackUrl();
        var service = await ServiceProcess.StartAsync(url, rig.Environment, "mmb-drill-kill");
        try
        {
            using var load = await rig.StartWarmLoadAsync(_ => url);
            load.Phase("before the kill");
            await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
            load.Phase("killed; down, then starting");
            await service.KillAsync();
            await service.DisposeAsync();
            service = await ServiceProcess.StartAsync(url, rig.Environment, "mmb-drill-kill-restarted");
            load.Phase("after the restart");
            await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
            return await rig.FinishAsync("kill", load);
        }
        finally
        {
            await service.DisposeAsync();
        }
    }

    /// <summary>Two instances on one database, the load split between them; kill -9 one, the other serves on; then restart it, as a deploy would.</summary>
    private static async Task<bool> KillOneOfTwoAsync(BenchmarkOptions options)
    {
        await using var rig = await Rig.StartAsync(options.PostgresBase, options);
        string[] urls = [ServiceProcess.FreeLoopbackUrl(), ServiceProcess.FreeLoopbackUrl()];
        var victim = await ServiceProcess.StartAsync(urls[0], rig.Environment, "mmb-drill-kill2-a");
        await using var survivor = await ServiceProcess.StartAsync(urls[1], rig.Environment, "mmb-drill-kill2-b");
        Console.WriteLine($"  a = {urls[0]} (killed), b = {urls[1]}");
        try
        {
            // A load balancer without health checks: every other webhook goes to the killed instance's port.
            using var load = await rig.StartWarmLoadAsync(i => urls[i % 2]);
            load.Phase("both up");
            await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
            load.Phase("a killed, b serves");
            await victim.KillAsync();
            await victim.DisposeAsync();
            await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
            load.Phase("a restarting");
            victim = await ServiceProcess.StartAsync(urls[0], rig.Environment, "mmb-drill-kill2-a-restarted");
            load.Phase("both up again");
            await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
            return await rig.FinishAsync("kill2", load);
        }
        finally
        {
            await victim.DisposeAsync();
        }
    }

    /// <summary>`pg_ctl restart -m fast` under load, on a PostgreSQL server of the drill's own.</summary>
    private static async Task<bool> PostgresRestartAsync(BenchmarkOptions options)
    {
        await using var cluster = await ScratchCluster.StartAsync();
        await using var rig = await Rig.StartAsync(cluster.ConnectionString, options);
        var url = ServiceProcess.FreeLoopbackUrl();
        await using var service = await ServiceProcess.StartAsync(url, rig.Environment, "mmb-drill-pgrestart");
        using var load = await rig.StartWarmLoadAsync(_ => url);
        load.Phase("before the restart");
        await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
        load.Phase("postgres restarting");
        var took = await cluster.RestartFastAsync();
        load.Phase($"postgres back ({took.TotalSeconds:F1} s)");
        await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
        return await rig.FinishAsync("pgrestart", load);
    }

    /// <summary>A drill's fresh database (migrated, seeded) and counting Twilio, and the service's settings for both.</summary>
    private sealed class Rig : IAsyncDisposable
    {
        private readonly BenchmarkDatabase database;
        private readonly BenchmarkOptions options;
        private readonly int clients;

        private Rig(BenchmarkDatabase database, CountingTwilio twilio, BenchmarkOptions options, int clients)
        {
            this.database = database;
            this.options = options;
            this.clients = clients;
            Twilio = twilio;
            Environment = SignedWebhook.ServiceEnvironment(database.ConnectionString, twilio.BaseUrl, PublicBaseUrl);
            // Sends in doubt after a kill are queued again by the minutely sweeper once this old (default 2 minutes).
            Environment["Outbox__InDoubtAfter"] = "00:00:10";
            Environment["Jobs__QueuePollInterval"] = "00:00:01";
        }

        public CountingTwilio Twilio { get; }

        public Dictionary<string, string> Environment { get; }

        public static async Task<Rig> StartAsync(string postgresBase, BenchmarkOptions options)
        {
            var database = await BenchmarkDatabase.CreateAsync(postgresBase, "mmb_drill");
            var twilio = await CountingTwilio.StartAsync();
            // One client per webhook: the warm-up, the load's seconds either side of the fault, and a minute for the fault itself.
            var clients = options.Rate * (options.WarmUpSeconds + 3 * options.Seconds + 60);
            var rig = new Rig(database, twilio, options, clients);
            await ServiceProcess.RunToEndAsync(["migrate"], rig.Environment);
            await SeededClients.WithStepDueTodayAsync(database.ConnectionString + ";SSL Mode=Disable", clients, warm: 0);
            Console.WriteLine($"  fresh database {new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString).Database}, "
                              + $"{clients.ToString(CultureInfo.InvariantCulture)} established clients (a goal and a step each), logs in {Path.GetTempPath()}mmb-drill-*.log");
            return rig;
        }

        /// <summary>
        /// Starts the load with --warmup seconds at the drill's rate (counted like the rest): a cold service on two cores
        /// answers far below 200/s until the JIT has settled, and the drill is about a service in its stride.
        /// </summary>
        public async Task<DrillLoad> StartWarmLoadAsync(Func<int, string> urlOf)
        {
            Console.WriteLine($"  {0.0,5:F1} s  warm-up");
            var load = DrillLoad.Start(options.Rate, clients, i => urlOf(i) + "/twilio/messages", PublicBaseUrl + "/twilio/messages", "warm-up");
            await Task.Delay(TimeSpan.FromSeconds(options.WarmUpSeconds));
            return load;
        }

        public async Task<bool> FinishAsync(string drill, DrillLoad load)
        {
            load.Phase("load stopped");
            var webhooks = await load.StopAsync();
            if (load.RanOutOfClients)
            {
                Console.WriteLine("  the seeded clients ran out before the load stopped (the fault took over a minute)");
            }

            await DrillTally.WaitUntilSettledAsync(database.ConnectionString, Twilio, SettleTimeout);
            return await DrillTally.ReportAsync(drill, webhooks, Twilio, database.ConnectionString);
        }

        public async ValueTask DisposeAsync()
        {
            await Twilio.DisposeAsync();
            await database.DisposeAsync();
        }
    }
}
