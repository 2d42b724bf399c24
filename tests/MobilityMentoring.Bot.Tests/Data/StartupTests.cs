using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Tests.Infrastructure;
using Npgsql;

namespace MobilityMentoring.Bot.Tests.Data;

public sealed class BootstrapFactory : BotAppFactory
{
    public BootstrapFactory()
    {
        WithSetting("Bootstrap:AdminEmail", "coordinator@gemeente.example");
        WithSetting("Bootstrap:AdminPassword", "Lang-genoeg-2026");
    }
}

public sealed class PostgresStartupTests(BootstrapFactory app) : IClassFixture<BootstrapFactory>
{
    [Fact]
    public async Task First_start_creates_the_bootstrap_coordinator_with_coordinator_and_admin_roles()
    {
        app.CreateClient().Dispose();
        await using var scope = app.NewScope();
        var users = scope.Services.GetRequiredService<UserManager<BotUser>>();
        var admin = await users.FindByEmailAsync("coordinator@gemeente.example");
        Assert.NotNull(admin);
        Assert.Equal([Roles.Admin, Roles.Coordinator], (await users.GetRolesAsync(admin)).Order());
        Assert.True(await users.CheckPasswordAsync(admin, "Lang-genoeg-2026"));
    }

    [Fact]
    public async Task PostgreSQL_gets_no_demo_data_unless_asked()
    {
        app.CreateClient().Dispose();
        await using var scope = app.NewScope();
        Assert.False(await scope.Db.Programmes.AnyAsync());
        Assert.False(await scope.Db.Clients.AnyAsync());
    }
}

/// <summary>
/// The embedded default: no PostgreSQL, a SQLite file in a temporary folder, Hangfire in memory. In Development, as
/// `dotnet run` starts it; other environments need Storage:AllowEmbedded.
/// </summary>
public sealed class EmbeddedFactory : BotAppFactory
{
    public EmbeddedFactory() => EnvironmentName = "Development";

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "mmb-embedded-" + Guid.NewGuid().ToString("N"));

    public override Task InitializeAsync()
    {
        WithSetting("ConnectionStrings:Postgres", "");
        WithSetting("Storage:DataDirectory", DataDirectory);
        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}

public sealed class EmbeddedStartupTests(EmbeddedFactory app) : IClassFixture<EmbeddedFactory>
{
    [Fact]
    public async Task Embedded_default_is_ready_and_has_the_demo_programme_with_three_clients()
    {
        using var http = app.CreateClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
        Assert.True(File.Exists(Path.Combine(app.DataDirectory, "mobilitymentoring.db")));

        await using var scope = app.NewScope();
        var programme = await scope.Db.Programmes.Include(p => p.Clients).ThenInclude(c => c.Goals).ThenInclude(g => g.Steps).SingleAsync();
        Assert.Equal(3, programme.Clients.Count);
        Assert.All(programme.Clients, c => Assert.NotEmpty(c.Goals.SelectMany(g => g.Steps)));
        Assert.All(programme.Clients, c => Assert.NotNull(c.MentorId));
    }
}

/// <summary>
/// Issue 15, finding 6: outside Development a missing ConnectionStrings:Postgres used to start the service on SQLite with
/// the demo mentor's published password and the DOEMEE keyword. Now it refuses, unless the embedded file is asked for,
/// and demo data never loads outside Development.
/// </summary>
public sealed class FailClosedStartupTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Outside_Development_without_PostgreSQL_the_service_refuses_to_start_and_names_the_keys(string environment)
    {
        await using var app = new EmbeddedFactory { EnvironmentName = environment };
        await app.InitializeAsync();

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("ConnectionStrings:Postgres", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Storage:AllowEmbedded", error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(app.DataDirectory, "mobilitymentoring.db")), "nothing was written");
    }

    [Fact]
    public async Task Outside_Development_the_embedded_file_runs_when_allowed_and_has_no_demo_accounts_or_data()
    {
        await using var app = new EmbeddedFactory { EnvironmentName = "Production" };
        await app.InitializeAsync();
        app.WithSetting("Storage:AllowEmbedded", "true");

        using var http = app.CreateClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);

        await using var scope = app.NewScope();
        Assert.Null(await scope.Services.GetRequiredService<UserManager<BotUser>>().FindByEmailAsync("mentor@demo.local"));
        Assert.False(await scope.Db.Programmes.AnyAsync());
        Assert.False(await scope.Db.Clients.AnyAsync());
    }

    [Fact]
    public async Task A_benchmark_on_a_throwaway_database_may_load_the_demo_data_outside_Development_when_it_says_so()
    {
        await using var app = new BotAppFactory { EnvironmentName = "Production" }
            .WithSetting("Storage:SeedDemo", "true").WithSetting("Storage:DemoOnThrowawayDatabase", "true");
        await ((IAsyncLifetime)app).InitializeAsync();

        using var http = app.CreateClient();

        await using var scope = app.NewScope();
        Assert.True(await scope.Db.Programmes.AnyAsync());
    }

    [Fact]
    public async Task Outside_Development_asking_for_demo_data_refuses_to_start_and_names_the_setting()
    {
        await using var app = new BotAppFactory { EnvironmentName = "Production" }.WithSetting("Storage:SeedDemo", "true");
        await ((IAsyncLifetime)app).InitializeAsync();

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Storage:SeedDemo", error.ToString(), StringComparison.Ordinal);
        await using var check = new NpgsqlConnection(app.ConnectionString);
        await check.OpenAsync();
        await using var programmes = new NpgsqlCommand("SELECT count(*) FROM programmes", check);
        Assert.Equal(0L, await programmes.ExecuteScalarAsync());
    }

    [Fact]
    public async Task In_Development_the_embedded_default_still_has_the_demo_mentor()
    {
        await using var app = new EmbeddedFactory();
        await app.InitializeAsync();
        app.CreateClient().Dispose();

        await using var scope = app.NewScope();
        var mentor = await scope.Services.GetRequiredService<UserManager<BotUser>>().FindByEmailAsync("mentor@demo.local");
        Assert.NotNull(mentor);
        Assert.Equal("DOEMEE", (await scope.Db.Programmes.SingleAsync()).JoinKeyword);
    }
}

public sealed class EmbeddedTurnTests(EmbeddedFactory app) : IClassFixture<EmbeddedFactory>
{
    [Fact]
    public async Task On_the_embedded_default_a_message_is_stored_once_and_answered_and_its_time_compares_like_any_other()
    {
        app.CreateClient().Dispose();
        await using var scope = app.NewScope();
        var client = await scope.Db.Clients.OrderBy(c => c.Id).FirstAsync();
        var receiver = scope.Services.GetRequiredService<MobilityMentoring.Bot.Channels.Inbound.InboundMessageReceiver>();
        var inbound = new MobilityMentoring.Bot.Channels.Inbound.InboundMessage(
            "SM" + Guid.NewGuid().ToString("N"), MobilityMentoring.Bot.Channels.Channel.Sms, client.Phone.Value, "+3197010000001", "HULP");

        Assert.Equal(MobilityMentoring.Bot.Channels.Inbound.InboundOutcome.Processed, await receiver.ReceiveAsync(inbound, CancellationToken.None));
        Assert.Equal(MobilityMentoring.Bot.Channels.Inbound.InboundOutcome.Duplicate, await receiver.ReceiveAsync(inbound, CancellationToken.None));

        await using var check = app.NewScope();
        var stored = await check.Db.Messages.SingleAsync(m => m.ProviderSid == inbound.ProviderSid);
        Assert.Equal(MobilityMentoring.Bot.Channels.MessageStatus.Processed, stored.Status);
        Assert.Equal(client.Id, stored.ClientId);
        Assert.Equal(app.Time.GetUtcNow(), stored.CreatedAt);
        // Written by raw SQL, read by EF: SQLite compares the stored text, so the format must be EF's own.
        var createdAt = stored.CreatedAt;
        Assert.True(await check.Db.Messages.AnyAsync(m => m.Id == stored.Id && m.CreatedAt <= createdAt && m.CreatedAt >= createdAt));
        // One answer, though the webhook came twice (the planner may add a check-in of its own: not a reply).
        Assert.Equal(1, await check.Db.Messages.CountAsync(m => m.ClientId == client.Id && m.Direction == MobilityMentoring.Bot.Channels.MessageDirection.Outbound
                                                               && m.Origin == MobilityMentoring.Bot.Channels.MessageOrigin.Reply && m.CreatedAt >= createdAt));
    }
}
