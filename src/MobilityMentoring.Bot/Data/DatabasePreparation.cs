using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using MobilityMentoring.Bot.Accounts;

namespace MobilityMentoring.Bot.Data;

/// <summary>Brings the database up to date before the service takes requests: migrations, roles, first admin, demo data.</summary>
public sealed partial class DatabasePreparation(
    BotDbContext db, StorageOptions storage, AccountSeeder accounts, DemoSeeder demo, IHostEnvironment environment,
    ILogger<DatabasePreparation> log)
{
    public async Task RunAsync(bool seedDemo, CancellationToken cancellationToken = default)
    {
        if (storage.RefusalIn(environment, seedDemo) is { } refusal)
        {
            throw new InvalidOperationException(refusal);
        }

        LogStorageMode(storage.Describe());
        if (!storage.UsesPostgres)
        {
            Directory.CreateDirectory(storage.DataDirectory);
        }

        var history = db.GetService<IHistoryRepository>();
        var isNew = !await history.ExistsAsync(cancellationToken);
        if (isNew)
        {
            LogNewDatabase();
        }

        var appliedBefore = isNew ? 0 : (await history.GetAppliedMigrationsAsync(cancellationToken)).Count;
        await db.Database.MigrateAsync(cancellationToken);
        LogMigrated(db.Database.GetMigrations().Count() - appliedBefore);

        await accounts.EnsureRolesAndBootstrapAdminAsync(cancellationToken);

        // The embedded default in Development is for newcomers and demos: it always has something to show.
        if (storage.LoadsDemoIn(environment, seedDemo))
        {
            if (!environment.IsDevelopment())
            {
                LogDemoOutsideDevelopment(environment.EnvironmentName);
            }

            await demo.SeedIfEmptyAsync(cancellationToken);
        }
    }

    [LoggerMessage(LogLevel.Critical, "Loading demo data (a mentor whose password is published) in '{Environment}': Storage:DemoOnThrowawayDatabase is on; never on a database with real clients")]
    private partial void LogDemoOutsideDevelopment(string environment);

    [LoggerMessage(LogLevel.Information, "Storage mode: {Mode}")]
    private partial void LogStorageMode(string mode);

    // EF Core's migrator logs a failed read of __EFMigrationsHistory on a new database (npgsql/efcore.pg#3407).
    [LoggerMessage(LogLevel.Information, "New database: creating the schema. An error reading __EFMigrationsHistory may follow; it is expected")]
    private partial void LogNewDatabase();

    [LoggerMessage(LogLevel.Information, "Database schema is current ({Applied} migrations applied now)")]
    private partial void LogMigrated(int applied);
}

public static class DatabasePreparationExtensions
{
    public static async Task PrepareDatabaseAsync(this WebApplication app, bool seedDemo)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabasePreparation>().RunAsync(seedDemo, app.Lifetime.ApplicationStopping);
    }
}
