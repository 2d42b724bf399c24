using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Reminders;

public sealed class PlannerExactlyOnceTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Two_instances_on_one_database_send_every_due_check_in_exactly_once_for_a_week()
    {
        await using var first = new TwilioAppFactory { Time = new FakeTimeProvider(Monday) };
        await ((IAsyncLifetime)first).InitializeAsync();
        await using var second = new TwilioAppFactory { Time = new FakeTimeProvider(Monday), ExistingDatabase = first.ConnectionString };
        await ((IAsyncLifetime)second).InitializeAsync();
        var clients = await AddSilentClientsAsync(first, 40);
        _ = second.Services; // start the second host

        var end = Monday.AddDays(7);
        while (first.Time.GetUtcNow() < end)
        {
            await Task.WhenAll(Task.Run(first.RunPlannerAsync), Task.Run(second.RunPlannerAsync));
            await first.AdvanceToNextDueAsync(end);
            second.Time.SetUtcNow(first.Time.GetUtcNow());
        }

        await using var scope = first.NewScope();
        var sent = await ProactiveMessagesAsync(scope, clients);
        var checkIns = await scope.Db.CheckIns.Where(c => clients.Contains(c.Step!.Goal!.ClientId)).CountAsync();
        // Every client's step falls due this week, and silence brings one follow-up: two each, no more, no fewer.
        Assert.All(clients, id => Assert.Equal(2, sent.Count(m => m == id)));
        Assert.Equal(sent.Count, checkIns);
    }

    [Fact]
    public async Task A_planner_run_that_fails_half_way_throws_and_its_retry_leaves_no_gap_and_no_duplicate()
    {
        await using var app = new TwilioAppFactory { Time = new FakeTimeProvider(Monday) };
        app.WithSetting("Reminders:Concurrency", "1").WithSetting("Reminders:BatchSize", "5");
        await ((IAsyncLifetime)app).InitializeAsync();
        var clients = await AddSilentClientsAsync(app, 20, dueInDays: 0, preferred: new TimeOnly(9, 30));
        await using (var scope = app.NewScope())
        {
            // The database refuses the eighth client's check-in, as a full disk or a failover would, until it is fixed.
            var stepId = await scope.Db.Steps.Where(s => s.Goal!.ClientId == clients[7]).Select(s => s.Id).SingleAsync();
            var sql = $"""
                CREATE FUNCTION refuse_check_in() RETURNS trigger AS $$
                BEGIN
                    IF NEW.step_id = {stepId} THEN RAISE EXCEPTION 'simulated failure'; END IF;
                    RETURN NEW;
                END $$ LANGUAGE plpgsql;
                CREATE TRIGGER refuse_check_in BEFORE INSERT ON check_ins FOR EACH ROW EXECUTE FUNCTION refuse_check_in();
                """;
            await scope.Db.Database.ExecuteSqlRawAsync(sql); // the id is a number we read ourselves
        }

        app.Time.SetUtcNow(new DateTimeOffset(2026, 11, 23, 8, 30, 0, TimeSpan.Zero)); // 09:30 in Amsterdam
        var failure = await Record.ExceptionAsync(app.RunPlannerAsync);

        Assert.NotNull(failure); // Hangfire marks the run failed and retries it
        await using (var scope = app.NewScope())
        {
            Assert.Equal(19, (await ProactiveMessagesAsync(scope, clients)).Count);
        }

        await using (var scope = app.NewScope())
        {
            await scope.Db.Database.ExecuteSqlRawAsync("DROP TRIGGER refuse_check_in ON check_ins");
        }

        app.Time.Advance(TimeSpan.FromMinutes(11));
        await app.RunPlannerAsync(); // the retry
        await app.RunPlannerAsync(); // and a second instance's run, for good measure

        await using var check = app.NewScope();
        var sent = await ProactiveMessagesAsync(check, clients);
        Assert.All(clients, id => Assert.Single(sent, m => m == id));
    }

    private static async Task<List<int>> AddSilentClientsAsync(BotAppFactory app, int count, int? dueInDays = null, TimeOnly? preferred = null)
    {
        var ids = new List<int>();
        for (var i = 0; i < count; i++)
        {
            var client = await ((TwilioAppFactory)app).AddClientAsync(Phones.Next());
            await using var scope = app.NewScope();
            var stored = await scope.Db.Clients.SingleAsync(c => c.Id == client.Id);
            stored.PreferredTime = preferred ?? new TimeOnly(9 + i % 9, 30);
            stored.NextContactAt = app.Time.GetUtcNow();
            var step = await scope.Db.Steps.SingleAsync(s => s.Goal!.ClientId == client.Id);
            step.DueDate = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime).AddDays(dueInDays ?? i % 5);
            step.CreatedAt = app.Time.GetUtcNow().AddDays(-1);
            var goal = await scope.Db.Goals.SingleAsync(g => g.ClientId == client.Id);
            goal.Pillar = BridgePillar.WellBeing;
            await scope.Db.SaveChangesAsync();
            ids.Add(client.Id);
        }

        return ids;
    }

    private static Task<List<int>> ProactiveMessagesAsync(AsyncServiceScopeContext scope, List<int> clients) =>
        scope.Db.Messages
            .Where(m => m.ClientId != null && clients.Contains(m.ClientId.Value) && m.Direction == MessageDirection.Outbound && m.Origin == MessageOrigin.Proactive)
            .Select(m => m.ClientId!.Value).ToListAsync();
}
