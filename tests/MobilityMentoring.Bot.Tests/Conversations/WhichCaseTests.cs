using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Conversations;

public sealed class WhichCaseTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public async Task A_number_with_closed_cases_talks_to_its_open_case()
    {
        var phone = Phones.Next();
        await AddCaseAsync(phone, TimeSpan.FromDays(-60), closed: true);
        var open = await app.AddClientAsync(phone);
        await AddCaseAsync(phone, TimeSpan.FromDays(30), closed: true);

        await app.ReceiveAsync(phone, "hoi");

        await using var scope = app.NewScope();
        var inbound = await scope.Db.Messages.SingleAsync(m => m.From == phone && m.Direction == MessageDirection.Inbound);
        Assert.Equal(open.Id, inbound.ClientId);
    }

    private async Task<Client> AddCaseAsync(string phone, TimeSpan later, bool closed)
    {
        await using var scope = app.NewScope();
        var createdAt = app.Time.GetUtcNow() + later;
        var client = new Client
        {
            Programme = new Programme { Name = "Programma " + Guid.NewGuid().ToString("N"), CreatedAt = createdAt },
            FirstName = "Fatima", Phone = PhoneNumber.Parse(phone), Channel = Channel.Sms, Language = "nl",
            ConsentAt = createdAt, ConsentVersion = "1", CreatedAt = createdAt, ClosedAt = closed ? createdAt : null,
        };
        scope.Db.Clients.Add(client);
        await scope.Db.SaveChangesAsync();
        return client;
    }
}
