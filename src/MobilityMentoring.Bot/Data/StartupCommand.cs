namespace MobilityMentoring.Bot.Data;

/// <summary>
/// What the process was asked to do: serve (default), or <c>migrate</c> the database and exit.
/// <c>--seed-demo</c> loads demo data into an empty PostgreSQL database too (Development only). <c>lint-dialogs</c> checks
/// the content in dialogs/ and exits with 1 when a message breaks a rule.
/// </summary>
public sealed record StartupCommand(bool MigrateOnly, bool SeedDemo, bool LintDialogs, string[] HostArgs)
{
    private static readonly string[] Words = ["migrate", "--seed-demo", "lint-dialogs"];

    public static StartupCommand From(string[] args) => new(
        MigrateOnly: args.Contains("migrate", StringComparer.OrdinalIgnoreCase),
        SeedDemo: args.Contains("--seed-demo", StringComparer.OrdinalIgnoreCase),
        LintDialogs: args.Contains("lint-dialogs", StringComparer.OrdinalIgnoreCase),
        HostArgs: [.. args.Where(a => !Words.Contains(a, StringComparer.OrdinalIgnoreCase))]);
}
