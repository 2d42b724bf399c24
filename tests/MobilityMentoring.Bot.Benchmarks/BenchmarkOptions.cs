using System.Globalization;

namespace MobilityMentoring.Bot.Benchmarks;

/// <param name="Targets">Words after the scenario, e.g. which drills to run: `drills kill pgrestart`.</param>
public sealed record BenchmarkOptions(
    string Scenario, int Rate, int Seconds, int WarmUpSeconds, int Clients, string PostgresBase, double MessagesPerSecond, int WarmUpClients,
    IReadOnlyList<string> Targets)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        // Words that are not a flag's value.
        var words = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !args[i - 1].StartsWith("--", StringComparison.Ordinal))).ToList();
        var scenario = words.FirstOrDefault() ?? "inbound";
        // The drills' load is the issue's: 200 webhooks/s, a few seconds either side of the fault.
        var drills = scenario == "drills";
        return new BenchmarkOptions(
            scenario,
            int.Parse(Value("--rate", drills ? "200" : "500"), CultureInfo.InvariantCulture),
            int.Parse(Value("--seconds", drills ? "5" : "20"), CultureInfo.InvariantCulture),
            int.Parse(Value("--warmup", drills ? "20" : "40"), CultureInfo.InvariantCulture),
            int.Parse(Value("--clients", "1000"), CultureInfo.InvariantCulture),
            Environment.GetEnvironmentVariable("MMB_TEST_POSTGRES") ?? "Host=localhost;Port=5432;Username=mmb;Password=mmb;Database=postgres",
            double.Parse(Value("--mps", "1000"), CultureInfo.InvariantCulture),
            int.Parse(Value("--warmup-clients", "2000"), CultureInfo.InvariantCulture),
            [.. words.Skip(1)]);
    }
}
