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
    public async Task The_migrations_of_both_providers_match_the_model()
    {
        await using var scope = app.NewScope();
        Assert.False(scope.Db.Database.HasPendingModelChanges(), "PostgreSQL: add a migration");
        var sqlite = new DbContextOptionsBuilder<MobilityMentoring.Bot.Data.SqliteBotDbContext>().UseSqlite("Data Source=:memory:").Options;
        await using var embedded = new MobilityMentoring.Bot.Data.SqliteBotDbContext(sqlite);
        Assert.False(embedded.Database.HasPendingModelChanges(), "SQLite: add a migration");
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
        Assert.Contains(definitions, d => d.Contains("UNIQUE", StringComparison.Ordinal) && d.Contains("(phone) WHERE (closed_at IS NULL)", StringComparison.Ordinal));
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

public sealed class OneOpenCaseMigrationTests
{
    [Fact]
    public async Task A_number_open_in_two_programmes_before_the_rule_keeps_its_newest_case_open_and_loses_no_case()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync(migrated: false);
        try
        {
            var options = new DbContextOptionsBuilder<MobilityMentoring.Bot.Data.PostgresBotDbContext>().UseNpgsql(connectionString).Options;
            await using (var db = new MobilityMentoring.Bot.Data.PostgresBotDbContext(options))
            {
                var migrator = Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>(db);
                var before = db.Database.GetMigrations().TakeWhile(m => !m.EndsWith("_OneOpenCasePerPhone", StringComparison.Ordinal)).Last();
                await migrator.MigrateAsync(before);
                // Raw SQL, as the tables were before that migration (today's model has columns they lacked).
                await db.Database.ExecuteSqlRawAsync("""
                    INSERT INTO programmes (name, time_zone, points_per_step, milestone_every, created_at, days_mask, window_start, window_end,
                                            quiet_from, quiet_until, hard_topics_until, follow_up_after, follow_ups, max_per_week, max_per_day,
                                            max_per_step, unreachable_after_days, unreachable_nudge_every_days)
                    SELECT name, 'Europe/Amsterdam', 10, 50, now(), 127, '09:00', '20:00', '20:00', '09:00', '12:00', '24:00:00', 1, 3, 1, 2, 14, 30
                    FROM (VALUES ('Eerste', 1), ('Tweede', 2)) AS p(name, n) ORDER BY n
                    """);
                await db.Database.ExecuteSqlRawAsync("""
                    INSERT INTO clients (programme_id, phone, language, channel, time_zone, created_at)
                    SELECT id, '+31612399001', 'nl', 'Sms', 'Europe/Amsterdam', now() FROM programmes ORDER BY id
                    """);
                await migrator.MigrateAsync();
            }

            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT closed_at IS NULL FROM clients WHERE phone = '+31612399001' ORDER BY id", connection);
            var open = new List<bool>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                open.Add(reader.GetBoolean(0));
            }

            Assert.Equal([false, true], open);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }
}
