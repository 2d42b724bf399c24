using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Channels.Inbound;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Conversations;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Channels.Inbound;

/// <summary>
/// A message whose turn always fails, as a parser bug would make it: "poison:" messages are parsed as a number (the
/// FormatException quotes the client's words, as .NET's does), "cancel:" ones throw a cancellation nobody asked for.
/// Every turn of a client in <see cref="Broken"/> fails, the bot's own ones too. Other messages and turns go through.
/// What it logs is captured.
/// </summary>
public sealed class PoisonedAppFactory : TwilioAppFactory
{
    public PoisonedAppFactory() => Logs = new LogCapture();

    /// <summary>Phone numbers of clients whose every turn fails.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, bool> Broken { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddScoped<IMiddleware>(_ => new Poison(Broken)));
    }

    private sealed class Poison(System.Collections.Concurrent.ConcurrentDictionary<string, bool> broken) : IMiddleware
    {
        public Task OnTurnAsync(ITurnContext turn, NextDelegate next, CancellationToken cancellationToken) => turn.Activity.Text switch
        {
            _ when turn.Client is { } client && broken.ContainsKey(client.Phone.Value) => throw new InvalidOperationException("broken client"),
            { } text when text.StartsWith("poison:", StringComparison.Ordinal) =>
                Task.FromResult(int.Parse(text, System.Globalization.CultureInfo.InvariantCulture)),
            { } text when text.StartsWith("cancel:", StringComparison.Ordinal) => throw new OperationCanceledException(),
            _ => next(cancellationToken),
        };
    }
}

public sealed class PoisonTests(PoisonedAppFactory app) : IClassFixture<PoisonedAppFactory>
{
    [Fact]
    public async Task Messages_the_bot_gives_up_on_leave_one_open_flag_for_the_mentor_not_one_each()
    {
        var chat = new Chat(app, Phones.Next());
        var client = await app.AddClientAsync(chat.Phone);
        await chat.SendAsync("MENTOR"); // the client asked for their mentor already: that flag is the one signal

        await chat.SendAsync("poison: de eerste");
        await SweepUntilGivenUpAsync();
        await chat.SendAsync("poison: de tweede");
        await SweepUntilGivenUpAsync();

        await using var scope = app.NewScope();
        await chat.NewRepliesAsync();
        Assert.Equal(2, chat.Transcript.Count(r => r.Contains("ging iets mis", StringComparison.Ordinal)));
        Assert.Equal(2, await scope.Db.Messages.CountAsync(m => m.From == chat.Phone && m.Status == MessageStatus.Failed));
        var flag = await scope.Db.Flags.SingleAsync(f => f.ClientId == client.Id && f.HandledAt == null);
        Assert.Equal(FlagKind.Help, flag.Kind);
        Assert.Contains("could not handle", flag.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_turn_is_logged_without_the_words_of_the_message()
    {
        var chat = new Chat(app, Phones.Next());
        await app.AddClientAsync(chat.Phone);

        await chat.SendAsync("poison: mijn geheime woorden");
        await SweepUntilGivenUpAsync();

        var texts = app.Logs!.Texts.ToList();
        Assert.Contains(texts, t => t.Contains("System.FormatException", StringComparison.Ordinal)); // it was logged, with its type
        Assert.Contains(texts, t => t.Contains(nameof(PoisonedAppFactory), StringComparison.Ordinal)); // and where it happened
        Assert.DoesNotContain(texts, t => t.Contains("geheime", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_turn_that_throws_a_cancellation_fails_its_own_message_and_the_sweep_goes_on()
    {
        var cancelled = Phones.Next();
        var fine = Phones.Next();
        await app.AddClientAsync(cancelled);
        await app.AddClientAsync(fine);
        long cancelledId;
        await using (var arrange = app.NewScope())
        {
            // Stored, never processed (a crash): the sweeper finds both, the cancelled one first.
            var first = Stored(cancelled, "cancel: dit duurt te lang");
            arrange.Db.Messages.Add(first);
            await arrange.Db.SaveChangesAsync();
            arrange.Db.Messages.Add(Stored(fine, "Hoi"));
            await arrange.Db.SaveChangesAsync();
            cancelledId = first.Id;
        }

        await using var scope = app.NewScope();
        await scope.Services.GetRequiredService<MessageSweeper>().SweepAsync(MessageSweeper.StuckAfter, CancellationToken.None);

        var messages = await scope.Db.Messages.AsNoTracking().Where(m => m.From == cancelled || m.From == fine || m.To == fine).ToListAsync();
        Assert.Equal((MessageStatus.Received, 1), messages.Where(m => m.Id == cancelledId).Select(m => (m.Status, m.Attempts)).Single());
        Assert.Equal(MessageStatus.Processed, messages.Single(m => m.From == fine).Status);
        Assert.Contains(messages, m => m.To == fine && m.Direction == MessageDirection.Outbound);
    }

    [Fact]
    public async Task When_even_the_apology_fails_the_state_is_reset_the_mentor_flagged_once_and_the_sweep_goes_on()
    {
        var broken = new Chat(app, Phones.Next());
        var client = await app.AddClientAsync(broken.Phone);
        await using (var arrange = app.NewScope())
        {
            arrange.Db.ConversationStates.Add(new ConversationState
            {
                ClientId = client.Id, Dialog = "checkin", DialogStep = "outcome", Data = "{}", UpdatedAt = app.Time.GetUtcNow(),
            });
            await arrange.Db.SaveChangesAsync();
        }

        app.Broken[broken.Phone] = true;
        await broken.SendAsync("Hoi");
        await broken.SendAsync("Hallo?");
        var fine = new Chat(app, Phones.Next());
        await app.AddClientAsync(fine.Phone);
        await using (var arrange = app.NewScope())
        {
            arrange.Db.Messages.Add(Stored(fine.Phone, "Hoi")); // stored, not processed: the sweeper finds it after the broken ones
            await arrange.Db.SaveChangesAsync();
        }

        await SweepUntilGivenUpAsync();

        await using var scope = app.NewScope();
        Assert.Equal(2, await scope.Db.Messages.CountAsync(m => m.From == broken.Phone && m.Status == MessageStatus.Failed));
        Assert.Single(await scope.Db.Flags.Where(f => f.ClientId == client.Id && f.HandledAt == null).ToListAsync());
        Assert.Null((await scope.Db.ConversationStates.AsNoTracking().SingleAsync(s => s.ClientId == client.Id)).Dialog);
        Assert.Empty(await broken.NewRepliesAsync());
        Assert.Equal(MessageStatus.Processed, (await scope.Db.Messages.SingleAsync(m => m.From == fine.Phone)).Status);
        Assert.NotEmpty(await fine.NewRepliesAsync());
    }

    [Fact]
    public async Task Two_sweepers_giving_up_on_one_message_at_once_apologise_once()
    {
        // Found by WebhookFuzzTests: start-up recovery and the recurring job (or two instances) both gave up on one
        // message, and the client heard "ging iets mis" twice.
        var phone = Phones.Next();
        var client = await app.AddClientAsync(phone);
        await using (var arrange = app.NewScope())
        {
            var last = Stored(phone, "poison: de laatste poging");
            last.Attempts = MessageSweeper.MaxTurnAttempts - 1;
            arrange.Db.Messages.Add(last);
            await arrange.Db.SaveChangesAsync();
        }

        await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            await using var scope = app.NewScope();
            await scope.Services.GetRequiredService<MessageSweeper>().SweepAsync(MessageSweeper.StuckAfter, CancellationToken.None);
        }));

        await using var check = app.NewScope();
        Assert.Equal(1, await check.Db.Messages.CountAsync(m => m.To == phone && m.Origin == MessageOrigin.System));
        Assert.Equal(1, await check.Db.Flags.CountAsync(f => f.ClientId == client.Id));
    }

    private Message Stored(string from, string body) => new()
    {
        Direction = MessageDirection.Inbound, Channel = Channel.Sms, From = from, To = TwilioAppFactory.SmsFrom, Body = body,
        ProviderSid = app.NewMessageSid(), Origin = MessageOrigin.Reply, Status = MessageStatus.Received,
        CreatedAt = app.Time.GetUtcNow() - MessageSweeper.StuckAfter,
    };

    private async Task SweepUntilGivenUpAsync()
    {
        await using var scope = app.NewScope();
        var sweeper = scope.Services.GetRequiredService<MessageSweeper>();
        for (var attempt = 0; attempt < MessageSweeper.MaxTurnAttempts; attempt++)
        {
            app.Time.Advance(MessageSweeper.StuckAfter);
            await sweeper.SweepAsync(MessageSweeper.StuckAfter, CancellationToken.None);
        }
    }
}
