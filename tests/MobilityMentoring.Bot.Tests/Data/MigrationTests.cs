using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Tests.Infrastructure;
using Npgsql;

namespace MobilityMentoring.Bot.Tests.Data;

public sealed class EmptyDatabaseFactory : BotAppFactory
{
    protected override bool StartFromEmptyDatabase => true;
}

public sealed class MigrationTests(EmptyDatabaseFactory app) : IClassFixture<EmptyDatabaseFactory>
{
    [Fact]
    public async Task Service_creates_the_schema_on_an_empty_database_at_start()
    {
        using var http = app.CreateClient();
        var ready = await http.GetAsync("/health/ready");
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);

        await using var scope = app.NewScope();
        var applied = await scope.Db.Database.GetAppliedMigrationsAsync();
        Assert.Equal(scope.Db.Database.GetMigrations(), applied);
        Assert.Empty(await scope.Db.Database.GetPendingMigrationsAsync());

        var tables = await TablesAsync(app.ConnectionString);
        Assert.Superset(
            new HashSet<string>
            {
                "public.programmes", "public.clients", "public.goals", "public.steps", "public.check_ins",
                "public.messages", "public.reward_entries", "public.conversation_states", "public.flags",
                "public.summaries", "public.audit_entries", "public.asp_net_users", "hangfire.job",
            },
            tables);
    }

    [Fact]
    public async Task Planner_and_caseload_columns_are_indexed()
    {
        using var http = app.CreateClient();
        await http.GetAsync("/health/live");

        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT indexdef FROM pg_indexes WHERE tablename = 'clients'", connection);
        var definitions = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                definitions.Add(reader.GetString(0));
            }
        }

        Assert.Contains(definitions, d => d.Contains("(next_contact_at)", StringComparison.Ordinal));
        Assert.Contains(definitions, d => d.Contains("(mentor_id)", StringComparison.Ordinal));
        Assert.Contains(definitions, d => d.Contains("UNIQUE", StringComparison.Ordinal) && d.Contains("(programme_id, phone)", StringComparison.Ordinal));
    }

    private static async Task<HashSet<string>> TablesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_schema IN ('public', 'hangfire')",
            connection);
        var tables = new HashSet<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }
}
