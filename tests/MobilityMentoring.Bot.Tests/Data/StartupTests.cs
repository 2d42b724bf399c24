using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Tests.Infrastructure;

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

/// <summary>The embedded default: no PostgreSQL, a SQLite file in a temporary folder, Hangfire in memory.</summary>
public sealed class EmbeddedFactory : BotAppFactory
{
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
        Directory.Delete(DataDirectory, recursive: true);
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
