using MobilityMentoring.Bot.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Jobs;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Jobs;

public sealed class HousekeepingJobTests(BotAppFactory app) : IClassFixture<BotAppFactory>
{
    [Fact]
    public async Task Expired_pauses_end_once_and_are_audited_while_running_pauses_stay()
    {
        var now = app.Time.GetUtcNow();
        int expired, running;
        await using (var scope = app.NewScope())
        {
            var programme = new Programme { Name = "Housekeeping", CreatedAt = now };
            var a = new Client { Phone = PhoneNumber.Parse("0612000001"), PausedUntil = now.AddDays(2), CreatedAt = now };
            var b = new Client { Phone = PhoneNumber.Parse("0612000002"), PausedUntil = now.AddDays(9), CreatedAt = now };
            programme.Clients.AddRange([a, b]);
            scope.Db.Programmes.Add(programme);
            await scope.Db.SaveChangesAsync();
            (expired, running) = (a.Id, b.Id);
        }

        app.Time.Advance(TimeSpan.FromDays(3));
        await RunJobAsync();
        await RunJobAsync();

        await using (var scope = app.NewScope())
        {
            var clients = await scope.Db.Clients.Where(c => c.Id == expired || c.Id == running).ToDictionaryAsync(c => c.Id);
            Assert.Null(clients[expired].PausedUntil);
            Assert.Equal(now.AddDays(9), clients[running].PausedUntil);
            var audit = await scope.Db.AuditEntries.Where(a => a.Action == AuditAction.PauseEnded).ToListAsync();
            Assert.Equal($"client:{expired}", Assert.Single(audit).Subject);
        }
    }

    private async Task RunJobAsync()
    {
        await using var scope = app.NewScope();
        await scope.Services.GetRequiredService<HousekeepingJob>().RunAsync(CancellationToken.None);
    }
}
