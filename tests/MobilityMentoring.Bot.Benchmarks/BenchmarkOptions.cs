using System.Globalization;

namespace MobilityMentoring.Bot.Benchmarks;

public sealed record BenchmarkOptions(string Scenario, int Rate, int Seconds, int WarmUpSeconds, int Clients, string PostgresBase, double MessagesPerSecond, int WarmUpClients)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        return new BenchmarkOptions(
            args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "inbound",
            int.Parse(Value("--rate", "500"), CultureInfo.InvariantCulture),
            int.Parse(Value("--seconds", "20"), CultureInfo.InvariantCulture),
            int.Parse(Value("--warmup", "40"), CultureInfo.InvariantCulture),
            int.Parse(Value("--clients", "1000"), CultureInfo.InvariantCulture),
            Environment.GetEnvironmentVariable("MMB_TEST_POSTGRES") ?? "Host=localhost;Port=5432;Username=mmb;Password=mmb;Database=postgres",
            double.Parse(Value("--mps", "1000"), CultureInfo.InvariantCulture),
            int.Parse(Value("--warmup-clients", "2000"), CultureInfo.InvariantCulture));
    }
}
