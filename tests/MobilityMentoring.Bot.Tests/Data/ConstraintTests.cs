using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Tests.Infrastructure;
using Npgsql;

namespace MobilityMentoring.Bot.Tests.Data;

public sealed class ConstraintTests(BotAppFactory app) : IClassFixture<BotAppFactory>
{
    [Fact]
    public async Task Database_rejects_a_second_message_with_the_same_MessageSid()
    {
        await using (var scope = app.NewScope())
        {
            scope.Db.Messages.Add(Inbound("SM00000000000000000000000000000001"));
            await scope.Db.SaveChangesAsync();
        }

        await using (var scope = app.NewScope())
        {
            scope.Db.Messages.Add(Inbound("SM00000000000000000000000000000001"));
            var error = await Assert.ThrowsAsync<DbUpdateException>(() => scope.Db.SaveChangesAsync());
            Assert.Equal(PostgresErrorCodes.UniqueViolation, Assert.IsType<PostgresException>(error.InnerException).SqlState);
        }

        await using (var scope = app.NewScope())
        {
            Assert.Equal(1, await scope.Db.Messages.CountAsync(m => m.ProviderSid == "SM00000000000000000000000000000001"));
        }
    }

    [Fact]
    public async Task Outbound_messages_without_a_provider_sid_yet_do_not_collide()
    {
        await using var scope = app.NewScope();
        scope.Db.Messages.Add(Outbound());
        scope.Db.Messages.Add(Outbound());
        await scope.Db.SaveChangesAsync();
    }

    [Fact]
    public async Task Database_rejects_the_same_phone_twice_in_one_programme()
    {
        await using var scope = app.NewScope();
        var programme = new Programme { Name = "Twice", CreatedAt = app.Time.GetUtcNow() };
        programme.Clients.Add(new Client { Phone = PhoneNumber.Parse("0612340001"), CreatedAt = app.Time.GetUtcNow() });
        programme.Clients.Add(new Client { Phone = PhoneNumber.Parse("+31 6 1234 0001"), CreatedAt = app.Time.GetUtcNow() });
        scope.Db.Programmes.Add(programme);

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => scope.Db.SaveChangesAsync());
        Assert.Equal(PostgresErrorCodes.UniqueViolation, Assert.IsType<PostgresException>(error.InnerException).SqlState);
    }

    private Message Inbound(string sid) => new()
    {
        Direction = MessageDirection.Inbound, Channel = Channel.Sms, From = "+31612345678", To = "+3197010000000",
        Body = "Hoi", ProviderSid = sid, Status = MessageStatus.Received, CreatedAt = app.Time.GetUtcNow(),
    };

    private Message Outbound() => new()
    {
        Direction = MessageDirection.Outbound, Channel = Channel.Sms, From = "+3197010000000", To = "+31612345678",
        Body = "Hoi", Status = MessageStatus.Pending, CreatedAt = app.Time.GetUtcNow(),
    };
}
