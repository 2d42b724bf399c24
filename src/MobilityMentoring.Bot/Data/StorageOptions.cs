namespace MobilityMentoring.Bot.Data;

/// <summary>Which store runs: PostgreSQL when <c>ConnectionStrings:Postgres</c> is set, else the embedded SQLite file.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Folder for the embedded SQLite file, relative to the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Load the demo programme, mentor and clients into an empty database (always on in embedded mode).</summary>
    public bool SeedDemo { get; set; }

    public string? PostgresConnectionString { get; set; }

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(PostgresConnectionString);
}
