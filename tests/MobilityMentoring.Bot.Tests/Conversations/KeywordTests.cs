using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Conversations;

public sealed class KeywordTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Theory]
    [InlineData("STOP")]
    [InlineData("stop")]
    [InlineData(" Afmelden! ")]
    [InlineData("unsubscribe")]
    public async Task After_STOP_only_the_single_confirmation_goes_out(string stop)
    {
        var phone = Phones.Next();
        var client = await app.AddClientAsync(phone);

        await app.ReceiveAsync(phone, stop);
        await app.ReceiveAsync(phone, "Hallo?");
        await app.ReceiveAsync(phone, "STOP");
        await app.ReceiveAsync(phone, "HULP");

        await using var scope = app.NewScope();
        var outbound = await scope.Db.Messages.Where(m => m.To == phone).ToListAsync();
        var confirmation = Assert.Single(outbound);
        Assert.Contains("afgemeld", confirmation.Body, StringComparison.Ordinal);
        var stored = await scope.Db.Clients.SingleAsync(c => c.Id == client.Id);
        Assert.Equal(app.Time.GetUtcNow(), stored.OptedOutAt);
        Assert.Equal(MobilityMentoring.Bot.Channels.Channel.Sms, stored.OptedOutVia);
        Assert.Single(await scope.Db.Flags.Where(f => f.ClientId == client.Id && f.Kind == FlagKind.OptedOut).ToListAsync());
        Assert.Equal(4, await scope.Db.Messages.CountAsync(m => m.From == phone));
    }

    [Fact]
    public async Task START_opts_back_in_and_the_bot_answers_again()
    {
        var phone = Phones.Next();
        await app.AddClientAsync(phone);
        await app.ReceiveAsync(phone, "STOP");

        await app.ReceiveAsync(phone, "aanmelden");
        await app.ReceiveAsync(phone, "Hoi");

        await using var scope = app.NewScope();
        var bodies = await scope.Db.Messages.Where(m => m.To == phone).OrderBy(m => m.Id).Select(m => m.Body).ToListAsync();
        Assert.Equal(3, bodies.Count);
        Assert.Contains("Welkom terug", bodies[1], StringComparison.Ordinal);
        Assert.Contains("leest mee", bodies[2], StringComparison.Ordinal);
        Assert.Null((await scope.Db.Clients.SingleAsync(c => c.Phone == MobilityMentoring.Bot.Channels.PhoneNumber.Parse(phone))).OptedOutAt);
    }

    [Theory]
    [InlineData("HULP", "nl", "computer, geen mens")]
    [InlineData("help", "en", "not a person")]
    [InlineData("Info", "en", "not a person")]
    public async Task HELP_in_any_state_says_it_is_a_bot_and_how_to_reach_the_mentor(string word, string language, string expected)
    {
        var phone = Phones.Next();
        await app.AddClientAsync(phone, language: language);

        await app.ReceiveAsync(phone, word);

        await using var scope = app.NewScope();
        var reply = await scope.Db.Messages.SingleAsync(m => m.To == phone);
        Assert.Contains(expected, reply.Body, StringComparison.Ordinal);
        Assert.Contains("Sanne", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sentence_that_contains_stop_is_not_an_opt_out()
    {
        var phone = Phones.Next();
        await app.AddClientAsync(phone);

        await app.ReceiveAsync(phone, "ik wil niet stoppen");

        await using var scope = app.NewScope();
        Assert.Null((await scope.Db.Clients.SingleAsync(c => c.Phone == MobilityMentoring.Bot.Channels.PhoneNumber.Parse(phone))).OptedOutAt);
    }
}
