using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Channels.Inbound;
using MobilityMentoring.Bot.Channels.Outbox;
using MobilityMentoring.Bot.Coaching;
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
        Assert.Equal(FlagKind.Help, flag.Kind);
    }

    /// <summary>
    /// A state the bot cannot read (a bug, a hand edit) used to fail this message and every later one, each after five
    /// sweeps and with a new flag each time. Now the client is answered at once, as if no question were waiting, and
    /// the mentor gets one flag.
    /// </summary>
    [Theory]
    [InlineData("{ not json")]
    [InlineData("")]
    [InlineData("[1, 2]")]
    [InlineData("\"checkin\"")]
    [InlineData("null")]
    public async Task A_broken_dialog_state_is_answered_afresh_at_once_with_one_flag_for_the_mentor(string data)
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
                ClientId = client.Id, Dialog = "checkin", DialogStep = "answer", Data = data, UpdatedAt = app.Time.GetUtcNow(),
                SafetyQuestionAt = askedLongAgo,
            });
            await arrange.Db.SaveChangesAsync();
        }

        var chat = new Chat(app, phone);
        var answer = await chat.SayAsync("1");
        await using var scope = app.NewScope();
        Assert.DoesNotContain("ging iets mis", answer, StringComparison.Ordinal);
        Assert.Equal(MessageStatus.Processed, (await scope.Db.Messages.SingleAsync(m => m.From == phone)).Status);
        var reset = await scope.Db.ConversationStates.AsNoTracking().SingleAsync(s => s.ClientId == client.Id);
        Assert.NotEqual("checkin", reset.Dialog);
        Assert.Equal(askedLongAgo, reset.SafetyQuestionAt); // the crisis net's open question stays

        await chat.SayAsync("Hoi");
        var sweeper = scope.Services.GetRequiredService<MessageSweeper>();
        for (var attempt = 0; attempt < MessageSweeper.MaxTurnAttempts; attempt++)
        {
            app.Time.Advance(MessageSweeper.StuckAfter);
            await sweeper.SweepAsync(MessageSweeper.StuckAfter, CancellationToken.None);
        }

        Assert.Empty(await chat.NewRepliesAsync());
        Assert.Equal(2, await scope.Db.Messages.CountAsync(m => m.From == phone && m.Status == MessageStatus.Processed));
        var flag = await scope.Db.Flags.SingleAsync(f => f.ClientId == client.Id && f.HandledAt == null);
        Assert.Equal(FlagKind.Help, flag.Kind);
    }

    /// <summary>Values of the wrong kind inside a readable state read as missing: the dialog goes on without them.</summary>
    [Fact]
    public async Task Dialog_values_of_the_wrong_kind_do_not_break_the_turn()
    {
        var phone = Phones.Next();
        await using var app = new TwilioAppFactory { ExistingDatabase = database };
        await app.InitializeAsync();
        var client = await app.AddClientAsync(phone);
        await using (var arrange = app.NewScope())
        {
            arrange.Db.ConversationStates.Add(new ConversationState
            {
                ClientId = client.Id, Dialog = "checkin", DialogStep = "outcome", UpdatedAt = app.Time.GetUtcNow(),
                Data = """{"_choices": [1, {"a": 2}, "done"], "_asked": 5, "_askedArguments": {"step": [1]}, "step": "zeven", "_misses": "veel"}""",
            });
            await arrange.Db.SaveChangesAsync();
        }

        var answer = await new Chat(app, phone).SayAsync("2");

        Assert.DoesNotContain("ging iets mis", answer, StringComparison.Ordinal);
        await using var scope = app.NewScope();
        Assert.Equal(MessageStatus.Processed, (await scope.Db.Messages.SingleAsync(m => m.From == phone)).Status);
    }

    private static async Task<Message?> ReplyAsync(BotAppFactory app, string phone)
    {
        await using var scope = app.NewScope();
        return await scope.Db.Messages.SingleOrDefaultAsync(m => m.To == phone);
    }
}
