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
            builder.Services.AddDbContextPool<PostgresBotDbContext>(o => o.UseNpgsql(storage.PostgresConnectionString));
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
