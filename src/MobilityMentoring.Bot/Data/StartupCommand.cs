namespace MobilityMentoring.Bot.Data;

/// <summary>
/// What the process was asked to do: serve (default), or <c>migrate</c> the database and exit.
/// <c>--seed-demo</c> loads demo data into an empty PostgreSQL database too.
/// </summary>
public sealed record StartupCommand(bool MigrateOnly, bool SeedDemo, string[] HostArgs)
{
    public static StartupCommand From(string[] args) => new(
        MigrateOnly: args.Contains("migrate", StringComparer.OrdinalIgnoreCase),
        SeedDemo: args.Contains("--seed-demo", StringComparer.OrdinalIgnoreCase),
        HostArgs: [.. args.Where(a => !a.Equals("migrate", StringComparison.OrdinalIgnoreCase)
                                   && !a.Equals("--seed-demo", StringComparison.OrdinalIgnoreCase))]);
}
