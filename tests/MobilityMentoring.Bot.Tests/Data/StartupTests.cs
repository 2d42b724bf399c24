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
