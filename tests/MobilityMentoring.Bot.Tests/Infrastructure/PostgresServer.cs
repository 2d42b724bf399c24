using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Data;
using Npgsql;

namespace MobilityMentoring.Bot.Tests.Infrastructure;

/// <summary>
/// The real PostgreSQL the tests run against (tests/ensure-postgres.sh starts it; MMB_TEST_POSTGRES overrides).
/// Each test class gets its own database, cloned from a template that was migrated once per test run.
/// </summary>
internal static class PostgresServer
{
    private static readonly SemaphoreSlim CreateLock = new(1, 1);
    private static readonly Lazy<Task<string>> Template = new(CreateTemplateAsync);

    public static string BaseConnectionString =>
        Environment.GetEnvironmentVariable("MMB_TEST_POSTGRES")
        ?? "Host=localhost;Port=5432;Username=mmb;Password=mmb;Database=postgres";

    /// <summary>A fresh database: migrated (cloned from the template) or entirely empty.</summary>
    public static async Task<string> CreateDatabaseAsync(bool migrated = true)
    {
        var name = "mmb_t_" + Guid.NewGuid().ToString("N")[..16];
        var template = migrated ? await Template.Value : null;
        await CreateLock.WaitAsync();
        try
        {
            await ExecuteAsync(template is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TEMPLATE {template}");
        }
        finally
        {
            CreateLock.Release();
        }

        return ConnectionStringFor(name);
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(BaseConnectionString) { Database = database }.ConnectionString;

    private static async Task<string> CreateTemplateAsync()
    {
        var name = "mmb_tpl_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteAsync($"CREATE DATABASE {name}");
        var connectionString = ConnectionStringFor(name);

        var options = new DbContextOptionsBuilder<PostgresBotDbContext>().UseNpgsql(connectionString).Options;
        await using (var db = new PostgresBotDbContext(options))
        {
            await db.Database.MigrateAsync();
        }

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            PostgreSqlObjectsInstaller.Install(connection, "hangfire");
        }

        // A template must have no open connections when it is cloned.
        NpgsqlConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DropDatabaseAsync(connectionString).GetAwaiter().GetResult();
        return name;
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(BaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
