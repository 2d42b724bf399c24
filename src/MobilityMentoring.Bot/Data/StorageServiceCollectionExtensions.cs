using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MobilityMentoring.Bot.Data;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers <see cref="BotDbContext"/> on PostgreSQL or on the embedded SQLite file.</summary>
    public static WebApplicationBuilder AddStorage(this WebApplicationBuilder builder)
    {
        var storage = builder.Configuration.GetStorageOptions(builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(storage);

        if (storage.UsesPostgres)
        {
            // Pooled: a webhook's turn needs a context, and building one per request costs more than the turn's SQL.
            builder.Services.AddDbContextPool<PostgresBotDbContext>(o => o.UseNpgsql(ForBotContext(storage.PostgresConnectionString!)));
            builder.Services.AddScoped<BotDbContext>(sp => sp.GetRequiredService<PostgresBotDbContext>());
        }
        else
        {
            var file = Path.Combine(storage.DataDirectory, "mobilitymentoring.db");
            builder.Services.AddDbContext<SqliteBotDbContext>(o => o.UseSqlite($"Data Source={file}"));
            builder.Services.AddScoped<BotDbContext>(sp => sp.GetRequiredService<SqliteBotDbContext>());
        }

        builder.Services.Configure<DemoOptions>(builder.Configuration.GetSection(DemoOptions.Section));
        builder.Services.AddScoped<DatabasePreparation>();
        builder.Services.AddScoped<DemoSeeder>();
        return builder;
    }

    /// <summary>
    /// The bot's own connections keep no session state (its advisory locks are transaction-scoped, it SETs nothing), so
    /// Npgsql need not reset a connection each time it goes back to the pool: seven statements per return, about two
    /// returns per message. The statements a turn repeats are prepared once per connection. Whatever the connection
    /// string says itself wins.
    /// </summary>
    internal static string ForBotContext(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var tuned = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("No Reset On Close"))
        {
            tuned.NoResetOnClose = true;
        }

        if (!given.ContainsKey("Max Auto Prepare"))
        {
            tuned.MaxAutoPrepare = 64;
            tuned.AutoPrepareMinUsages = 2;
        }

        return tuned.ConnectionString;
    }

    public static StorageOptions GetStorageOptions(this IConfiguration configuration, string contentRoot)
    {
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        storage.PostgresConnectionString = configuration.GetConnectionString("Postgres");
        storage.DataDirectory = Path.GetFullPath(storage.DataDirectory, contentRoot);
        return storage;
    }

    /// <summary>Where the data lives, without the password.</summary>
    public static string Describe(this StorageOptions storage)
    {
        if (!storage.UsesPostgres)
        {
            return $"embedded default: SQLite file in {storage.DataDirectory}, Hangfire in memory";
        }

        var cs = new NpgsqlConnectionStringBuilder(storage.PostgresConnectionString);
        return $"PostgreSQL: database '{cs.Database}' on {cs.Host}:{cs.Port}, Hangfire in the same database";
    }
}
