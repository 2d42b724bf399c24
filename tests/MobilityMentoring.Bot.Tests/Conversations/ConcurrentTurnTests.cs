using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Conversations;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Conversations;

/// <summary>A dialog that counts the client's messages in its saved state: lost updates show as a wrong count.</summary>
public sealed class CountingDialog : IDialog
{
    public string Id => "counting";

    public Task<DialogStatus> BeginAsync(DialogContext dialog, CancellationToken cancellationToken) => ContinueAsync(dialog, cancellationToken);

    public async Task<DialogStatus> ContinueAsync(DialogContext dialog, CancellationToken cancellationToken)
    {
        var count = (dialog.Values["count"]?.GetValue<int>() ?? 0) + 1;
        dialog.Values["count"] = count;
        await dialog.Turn.SendAsync(
            dialog.Turn.Activity.CreateReply("count " + count.ToString(CultureInfo.InvariantCulture), dialog.Turn.Now), cancellationToken);
        return DialogStatus.Waiting;
    }
}

public sealed class CountingAppFactory : TwilioAppFactory
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        WithSetting("Dialogs:RootDialog", "counting");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddScoped<IDialog, CountingDialog>());
    }
}

public sealed class ConcurrentTurnTests(CountingAppFactory app) : IClassFixture<CountingAppFactory>
{
    [Fact]
    public async Task Messages_from_one_client_arriving_together_are_processed_one_after_the_other()
    {
        var phone = Phones.Next();
        var client = await app.AddClientAsync(phone);
        const int together = 8;

        var responses = await Task.WhenAll(Enumerable.Range(0, together).Select(i => app.ReceiveAsync(phone, "bericht " + i)));

        Assert.All(responses, r => Assert.Equal(System.Net.HttpStatusCode.OK, r.StatusCode));
        await using var scope = app.NewScope();
        var state = await scope.Db.ConversationStates.SingleAsync(s => s.ClientId == client.Id);
        Assert.Equal(together, JsonNode.Parse(state.Data)!["count"]!.GetValue<int>());
        Assert.Equal(together, state.Version);
        var replies = await scope.Db.Messages.Where(m => m.To == phone).Select(m => m.Body).ToListAsync();
        Assert.Equal(Enumerable.Range(1, together).Select(i => "count " + i).Order(), replies.Order());
    }

    [Fact]
    public async Task Different_clients_do_not_wait_for_each_other_and_each_get_their_own_state()
    {
        var phones = Enumerable.Range(0, 4).Select(_ => Phones.Next()).ToList();
        foreach (var phone in phones)
        {
            await app.AddClientAsync(phone);
        }

        await Task.WhenAll(phones.SelectMany(p => new[] { app.ReceiveAsync(p, "a"), app.ReceiveAsync(p, "b") }));

        await using var scope = app.NewScope();
        foreach (var phone in phones)
        {
            var bodies = await scope.Db.Messages.Where(m => m.To == phone).Select(m => m.Body).ToListAsync();
            Assert.Equal(["count 1", "count 2"], bodies.Order());
        }
    }

    [Fact]
    public async Task A_turn_that_waited_for_the_lock_sees_the_message_was_processed_meanwhile_and_leaves_it()
    {
        var phone = Phones.Next();
        var client = await app.AddClientAsync(phone);
        var message = await StoreReceivedAsync(phone);

        // The sweeper's turn, say: holds the client's lock and processes the message.
        await using var first = app.NewScope();
        await using var firstTransaction = await first.Db.Database.BeginTransactionAsync();
        await using var firstLock = await first.Services.GetRequiredService<IClientTurnLock>().AcquireAsync(first.Db, phone, CancellationToken.None);
        await first.Db.Messages.Where(m => m.Id == message.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Processed));

        // The webhook's turn for the same message starts meanwhile and waits for the lock.
        await using var second = app.NewScope();
        var stored = await second.Db.Messages.AsNoTracking().SingleAsync(m => m.Id == message.Id);
        var secondTurn = second.Services.GetRequiredService<TurnProcessor>().ProcessInboundAsync(stored, CancellationToken.None);
        await Eventually.GetAsync(WaitingForAdvisoryLocksAsync, waiting => waiting > 0, "the second turn to wait for the lock");
        await firstTransaction.CommitAsync();

        Assert.False(await secondTurn);
        await using var scope = app.NewScope();
        Assert.False(await scope.Db.Messages.AnyAsync(m => m.To == phone));
        Assert.False(await scope.Db.ConversationStates.AnyAsync(s => s.ClientId == client.Id));
    }

    [Fact]
    public async Task An_inbound_turn_commits_without_waiting_for_the_disk_and_its_connection_waits_again_afterwards()
    {
        var phone = Phones.Next();
        await app.AddClientAsync(phone);
        var message = await StoreReceivedAsync(phone);

        await using var scope = app.NewScope();
        var db = scope.Db;
        await db.Database.OpenConnectionAsync(); // one physical connection throughout, as a pooled one would be reused
        await using (var turn = await db.Database.BeginTransactionAsync())
        {
            var (stillWaiting, release) = await scope.Services.GetRequiredService<IClientTurnLock>()
                .StartInboundTurnAsync(db, phone, message.Id, CancellationToken.None);
            await using var _ = release;
            Assert.True(stillWaiting);
            Assert.Equal("off", await SynchronousCommitAsync(db));
            await turn.CommitAsync();
        }

        // The next transaction on this connection (a dispatcher's claim, say) waits for the disk again.
        Assert.Equal("on", await SynchronousCommitAsync(db));
    }

    private static Task<string> SynchronousCommitAsync(BotDbContext db) =>
        db.Database.SqlQuery<string>($"SELECT current_setting('synchronous_commit') AS \"Value\"").SingleAsync();

    private async Task<Message> StoreReceivedAsync(string phone)
    {
        var message = new Message
        {
            Direction = MessageDirection.Inbound, Channel = Channel.Sms, From = phone, To = "+3197010000001", Body = "hoi",
            ProviderSid = "SM" + Guid.NewGuid().ToString("N"), Status = MessageStatus.Received, CreatedAt = app.Time.GetUtcNow(),
        };
        await using var seed = app.NewScope();
        seed.Db.Messages.Add(message);
        await seed.Db.SaveChangesAsync();
        return message;
    }

    private async Task<int?> WaitingForAdvisoryLocksAsync()
    {
        await using var scope = app.NewScope();
        return await scope.Db.Database
            .SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")
            .SingleAsync();
    }
}
