using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace MobilityMentoring.Bot.Benchmarks;

/// <summary>A scratch PostgreSQL database for one run, and what the server did meanwhile.</summary>
public sealed class BenchmarkDatabase(string baseConnectionString, string name) : IAsyncDisposable
{
    public string ConnectionString { get; } = new NpgsqlConnectionStringBuilder(baseConnectionString) { Database = name }.ConnectionString;

    public static async Task<BenchmarkDatabase> CreateAsync(string baseConnectionString, string prefix)
    {
        var name = $"{prefix}_{DateTime.UtcNow:yyyyMMddHHmmss}";
        await ExecuteAsync(baseConnectionString, $"CREATE DATABASE {name}");
        return new BenchmarkDatabase(baseConnectionString, name);
    }

    /// <summary>Commits, rows written and blocks read from disk so far (pg_stat_database).</summary>
    public async Task<DatabaseWork> WorkAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT xact_commit, tup_inserted + tup_updated + tup_deleted, blks_read FROM pg_stat_database WHERE datname = current_database()",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new DatabaseWork(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>pgbench's default TPC-B-like workload on its own database, for a sense of what this server can do.</summary>
    public static async Task<string> PgbenchAsync(string baseConnectionString, int seconds)
    {
        var builder = new NpgsqlConnectionStringBuilder(baseConnectionString);
        var name = $"mmb_pgbench_{DateTime.UtcNow:yyyyMMddHHmmss}";
        await ExecuteAsync(baseConnectionString, $"CREATE DATABASE {name}");
        try
        {
            var pgbench = Directory.GetFiles("/usr/lib/postgresql", "pgbench", SearchOption.AllDirectories).FirstOrDefault() ?? "pgbench";
            string Run(params string[] args)
            {
                var start = new ProcessStartInfo(pgbench, ["-h", builder.Host!, "-p", builder.Port.ToString(CultureInfo.InvariantCulture), "-U", builder.Username!, .. args, name])
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                };
                start.Environment["PGPASSWORD"] = builder.Password;
                using var process = Process.Start(start)!;
                var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
                process.WaitForExit();
                return output;
            }

            Run("-i", "-q", "-s", "10");
            var result = Run("-c", "8", "-j", "2", "-T", seconds.ToString(CultureInfo.InvariantCulture));
            return string.Join(Environment.NewLine, result.Split('\n')
                .Where(l => l.StartsWith("tps", StringComparison.Ordinal) || l.StartsWith("latency average", StringComparison.Ordinal)
                            || l.StartsWith("number of transactions actually", StringComparison.Ordinal)));
        }
        finally
        {
            await ExecuteAsync(baseConnectionString, $"DROP DATABASE IF EXISTS {name}");
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
        await ExecuteAsync(baseConnectionString, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }
}

public readonly record struct DatabaseWork(long Commits, long RowsWritten, long BlocksRead)
{
    public static DatabaseWork operator -(DatabaseWork a, DatabaseWork b) =>
        new(a.Commits - b.Commits, a.RowsWritten - b.RowsWritten, a.BlocksRead - b.BlocksRead);
}
