using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Channels.Inbound;
using MobilityMentoring.Bot.Channels.Outbox;
using MobilityMentoring.Bot.Conversations;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Channels.Inbound;

/// <summary>The process "dies" in the middle of every turn: the message is stored, the turn never commits.</summary>
public sealed class DyingAppFactory : TwilioAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddScoped<IMiddleware, DieMidTurn>());
    }

    /// <summary>Dies in every client message's turn; turns the bot starts itself go through.</summary>
    private sealed class DieMidTurn : IMiddleware
    {
        public Task OnTurnAsync(ITurnContext turn, NextDelegate next, CancellationToken cancellationToken) =>
            turn.Activity.Type == MobilityMentoring.Bot.Channels.ActivityTypes.Message
                ? throw new InvalidOperationException("the process died here")
                : next(cancellationToken);
    }
}

public sealed class RecoveryTests : IAsyncLifetime
{
    private string database = "";

    public async Task InitializeAsync() => database = await PostgresServer.CreateDatabaseAsync();

    public Task DisposeAsync() => PostgresServer.DropDatabaseAsync(database);

    [Fact]
    public async Task A_message_stored_before_the_process_died_is_answered_once_after_restart()
    {
        var phone = Phones.Next();
        await using (var dying = new DyingAppFactory { ExistingDatabase = database })
        {
            await dying.InitializeAsync();
            await dying.AddClientAsync(phone);

            var response = await dying.ReceiveAsync(phone, "Hoi");

            // Twilio gets its 200: the message is safe in the database even though no reply was made.
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.Empty(dying.Twilio.Requests);
        }

        await using (var restarted = new TwilioAppFactory { ExistingDatabase = database })
        {
            await restarted.InitializeAsync();
            restarted.CreateClient().Dispose();

            var reply = await restarted.Twilio.WaitForMessageToAsync(phone);
            Assert.Contains("Sanne", reply.Form["Body"], StringComparison.Ordinal);
            await Eventually.GetAsync(() => ReplyAsync(restarted, phone), m => m.ProviderSid is not null, "the reply's SID");
        }

        await using (var again = new TwilioAppFactory { ExistingDatabase = database })
        {
            await again.InitializeAsync();
            again.CreateClient().Dispose();
            await using var scope = again.NewScope();

            // A third start finds nothing left to do: run its recovery and a dispatch pass to the end, then look.
            await scope.Services.GetRequiredService<MessageSweeper>().SweepAsync(TimeSpan.Zero, CancellationToken.None);
            await again.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<OutboxDispatcher>().Single()
                .DispatchBatchAsync(CancellationToken.None);
            Assert.Equal(1, await scope.Db.Messages.CountAsync(m => m.To == phone));
            Assert.Empty(again.Twilio.Requests);
        }
    }

    [Fact]
    public async Task A_message_the_bot_cannot_handle_is_kept_apologised_for_and_flagged_for_the_mentor()
    {
        var phone = Phones.Next();
        await using var app = new DyingAppFactory { ExistingDatabase = database };
        await app.InitializeAsync();
        var client = await app.AddClientAsync(phone);
        await app.ReceiveAsync(phone, "iets wat de bot breekt");

        await using var scope = app.NewScope();
        var sweeper = scope.Services.GetRequiredService<MessageSweeper>();
        for (var attempt = 0; attempt < MessageSweeper.MaxTurnAttempts; attempt++)
        {
            app.Time.Advance(MessageSweeper.StuckAfter);
            await sweeper.SweepAsync(MessageSweeper.StuckAfter, CancellationToken.None);
        }

        var apology = await app.Twilio.WaitForMessageToAsync(phone);
        Assert.Contains("ging iets mis", apology.Form["Body"], StringComparison.Ordinal);
        Assert.Equal(MessageStatus.Failed, (await scope.Db.Messages.SingleAsync(m => m.From == phone)).Status);
        var flag = await scope.Db.Flags.SingleAsync(f => f.ClientId == client.Id);
        Assert.Equal(MobilityMentoring.Bot.Coaching.FlagKind.Help, flag.Kind);
    }

    [Fact]
    public async Task A_broken_dialog_state_fails_one_message_not_every_later_one()
    {
        var phone = Phones.Next();
        await using var app = new TwilioAppFactory { ExistingDatabase = database };
        await app.InitializeAsync();
        var client = await app.AddClientAsync(phone);
        var askedLongAgo = app.Time.GetUtcNow().AddDays(-30);
        await using (var arrange = app.NewScope())
        {
            arrange.Db.ConversationStates.Add(new ConversationState
            {
                ClientId = client.Id, Dialog = "checkin", DialogStep = "answer", Data = "{ not json", UpdatedAt = app.Time.GetUtcNow(),
                SafetyQuestionAt = askedLongAgo,
            });
            await arrange.Db.SaveChangesAsync();
        }

        await app.ReceiveAsync(phone, "1");
        await using var scope = app.NewScope();
        var sweeper = scope.Services.GetRequiredService<MessageSweeper>();
        for (var attempt = 0; attempt < MessageSweeper.MaxTurnAttempts; attempt++)
        {
            app.Time.Advance(MessageSweeper.StuckAfter);
            await sweeper.SweepAsync(MessageSweeper.StuckAfter, CancellationToken.None);
        }

        Assert.Contains("ging iets mis", (await app.Twilio.WaitForMessageToAsync(phone)).Form["Body"], StringComparison.Ordinal);
        var reset = await scope.Db.ConversationStates.AsNoTracking().SingleAsync(s => s.ClientId == client.Id);
        Assert.Equal((null, "{}", askedLongAgo), (reset.Dialog, reset.Data, reset.SafetyQuestionAt));
        await app.ReceiveAsync(phone, "Hoi");
        var next = (await app.Twilio.WaitForMessagesToAsync(phone, 2))[^1];
        Assert.DoesNotContain("ging iets mis", next.Form["Body"], StringComparison.Ordinal);
        Assert.Equal(MessageStatus.Processed, (await scope.Db.Messages.Where(m => m.From == phone).OrderBy(m => m.Id).LastAsync()).Status);
    }

    private static async Task<Message?> ReplyAsync(BotAppFactory app, string phone)
    {
        await using var scope = app.NewScope();
        return await scope.Db.Messages.SingleOrDefaultAsync(m => m.To == phone);
    }
}
