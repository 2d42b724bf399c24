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
    public async Task Database_rejects_a_second_open_case_for_one_phone_even_in_another_programme()
    {
        await using var scope = app.NewScope();
        var now = app.Time.GetUtcNow();
        scope.Db.Programmes.Add(new Programme { Name = "First", CreatedAt = now, Clients = { new Client { Phone = PhoneNumber.Parse("0612340001"), CreatedAt = now } } });
        scope.Db.Programmes.Add(new Programme { Name = "Second", CreatedAt = now, Clients = { new Client { Phone = PhoneNumber.Parse("+31 6 1234 0001"), CreatedAt = now } } });

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => scope.Db.SaveChangesAsync());
        Assert.Equal(PostgresErrorCodes.UniqueViolation, Assert.IsType<PostgresException>(error.InnerException).SqlState);
    }

    [Fact]
    public async Task Closed_cases_for_one_phone_may_be_many()
    {
        await using var scope = app.NewScope();
        var now = app.Time.GetUtcNow();
        var programme = new Programme { Name = "Closed twice", CreatedAt = now };
        programme.Clients.Add(new Client { Phone = PhoneNumber.Parse("0612340002"), CreatedAt = now, ClosedAt = now });
        programme.Clients.Add(new Client { Phone = PhoneNumber.Parse("0612340002"), CreatedAt = now, ClosedAt = now });
        programme.Clients.Add(new Client { Phone = PhoneNumber.Parse("0612340002"), CreatedAt = now });
        scope.Db.Programmes.Add(programme);

        await scope.Db.SaveChangesAsync();
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
