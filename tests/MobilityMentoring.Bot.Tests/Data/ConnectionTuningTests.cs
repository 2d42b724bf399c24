using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Tests.Infrastructure;
using Npgsql;

namespace MobilityMentoring.Bot.Tests.Data;

public sealed class ConnectionTuningTests(BotAppFactory app) : IClassFixture<BotAppFactory>
{
    [Fact]
    public async Task The_bots_own_connections_skip_the_session_reset_and_prepare_what_turns_repeat()
    {
        await using var scope = app.NewScope();
        var db = scope.Services.GetRequiredService<BotDbContext>();
        var used = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());

        Assert.True(used.NoResetOnClose);
        Assert.Equal(64, used.MaxAutoPrepare);
        Assert.True(await db.Database.CanConnectAsync(), "the tuned connection string still reaches the database");
    }

    [Fact]
    public void What_the_connection_string_says_itself_wins()
    {
        var tuned = new NpgsqlConnectionStringBuilder(StorageServiceCollectionExtensions.ForBotContext(
            "Host=db;Database=bot;Username=bot;No Reset On Close=false;Max Auto Prepare=0"));

        Assert.False(tuned.NoResetOnClose);
        Assert.Equal(0, tuned.MaxAutoPrepare);
    }
}
