namespace MobilityMentoring.Bot.Data;

/// <summary>Which store runs: PostgreSQL when <c>ConnectionStrings:Postgres</c> is set, else the embedded SQLite file.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Folder for the embedded SQLite file, relative to the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Load the demo programme, mentor and clients into an empty database: Development only (always on there in embedded mode).</summary>
    public bool SeedDemo { get; set; }

    /// <summary>Outside Development, run on the embedded SQLite file when no PostgreSQL is configured (never with demo data).</summary>
    public bool AllowEmbedded { get; set; }

    /// <summary>
    /// Outside Development, load the demo data anyway when asked: for a benchmark on a database that is thrown away after
    /// (the side-by-side benchmark runs as Production). Never on a database with real clients.
    /// </summary>
    public bool DemoOnThrowawayDatabase { get; set; }

    public string? PostgresConnectionString { get; set; }

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(PostgresConnectionString);

    /// <summary>
    /// Why the service must not start with this store in <paramref name="environment"/>, naming the keys; null when it may.
    /// Outside Development a forgotten connection string must not fall back to a file nobody backs up, and demo data
    /// brings a mentor whose password is in the README.
    /// </summary>
    public string? RefusalIn(IHostEnvironment environment, bool seedDemoAsked)
    {
        if (environment.IsDevelopment())
        {
            return null;
        }

        if (!UsesPostgres && !AllowEmbedded)
        {
            return $"ConnectionStrings:Postgres is not set. Outside Development (environment '{environment.EnvironmentName}') the "
                   + $"service runs on PostgreSQL: set ConnectionStrings:Postgres, or set {Section}:{nameof(AllowEmbedded)}=true "
                   + "to run on the embedded SQLite file.";
        }

        return (SeedDemo || seedDemoAsked) && !DemoOnThrowawayDatabase
            ? $"{Section}:{nameof(SeedDemo)} or --seed-demo loads a demo mentor whose password is published; it works only in "
              + $"Development, not in '{environment.EnvironmentName}'."
            : null;
    }

    /// <summary>
    /// Whether to load the demo data into an empty database: in Development, on the embedded file or when asked;
    /// elsewhere only when asked on a throwaway database.
    /// </summary>
    public bool LoadsDemoIn(IHostEnvironment environment, bool seedDemoAsked) =>
        environment.IsDevelopment() ? seedDemoAsked || SeedDemo || !UsesPostgres : DemoOnThrowawayDatabase && (seedDemoAsked || SeedDemo);
}
