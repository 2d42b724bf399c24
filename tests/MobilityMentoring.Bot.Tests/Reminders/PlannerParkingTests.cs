using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Conversations;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Reminders;

/// <summary>The planner's turns for one client always fail (a bug in their data, say), with the client's words in the exception.</summary>
public sealed class PoisonedPlanningAppFactory : TwilioAppFactory
{
    public PoisonedPlanningAppFactory()
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 30, 0, TimeSpan.Zero)); // 09:30 in Amsterdam
        Logs = new LogCapture();
    }

    public PoisonedClient Poisoned { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(Poisoned);
            services.AddScoped<IMiddleware, FailPlanning>();
        });
    }

    public sealed class PoisonedClient
    {
        private int tries;

        public int? ClientId { get; set; }

        /// <summary>How often a planner turn for the client was tried.</summary>
        public int Tries => tries;

        public void Tried() => Interlocked.Increment(ref tries);
    }

    private sealed class FailPlanning(PoisonedClient poisoned) : IMiddleware
    {
        public Task OnTurnAsync(ITurnContext turn, NextDelegate next, CancellationToken cancellationToken)
        {
            if (turn.Activity is { Type: ActivityTypes.Event, Name: "reminder" } && turn.Client?.Id == poisoned.ClientId)
            {
                poisoned.Tried();
                throw new InvalidOperationException("cannot plan 'mijn geheime stap'");
            }

            return next(cancellationToken);
        }
    }
}

public sealed class PlannerParkingTests(PoisonedPlanningAppFactory app) : IClassFixture<PoisonedPlanningAppFactory>
{
    [Fact]
    public async Task A_client_whose_planning_fails_three_times_is_parked_with_one_flag_and_the_others_are_still_planned()
    {
        var poisoned = await AddDueClientAsync();
        var others = new[] { await AddDueClientAsync(), await AddDueClientAsync() };
        app.Poisoned.ClientId = poisoned;

        var triesPerRun = new List<int>();
        for (var run = 0; run < 6; run++)
        {
            await Record.ExceptionAsync(app.RunPlannerAsync); // a run with a failure throws, so Hangfire shows it failed
            triesPerRun.Add(app.Poisoned.Tries);
            app.Time.Advance(TimeSpan.FromMinutes(11)); // past Reminders:RetryFailedAfter
        }

        // Tried in the first three runs (the first time with the others, then alone), then no more.
        Assert.True(triesPerRun[0] > 0 && triesPerRun[1] > triesPerRun[0] && triesPerRun[2] > triesPerRun[1], string.Join(",", triesPerRun));
        Assert.Equal([triesPerRun[2], triesPerRun[2], triesPerRun[2]], triesPerRun[3..]);
        await using (var scope = app.NewScope())
        {
            var flag = await scope.Db.Flags.SingleAsync(f => f.ClientId == poisoned && f.HandledAt == null);
            Assert.Equal(FlagKind.Help, flag.Kind);
            Assert.StartsWith("Check-ins stopped", flag.Note, StringComparison.Ordinal);
            Assert.All(others, id => Assert.Single(scope.Db.Messages.Where(m => m.ClientId == id && m.Origin == MessageOrigin.Proactive)));
            Assert.Empty(await scope.Db.Messages.Where(m => m.ClientId == poisoned && m.Origin == MessageOrigin.Proactive).ToListAsync());
        }

        Assert.DoesNotContain(app.Logs!.Texts, t => t.Contains("geheime", StringComparison.Ordinal));

        // The mentor looks: marking the flag handled has the planner try the client again.
        await using (var scope = app.NewScope())
        {
            var flag = await scope.Db.Flags.SingleAsync(f => f.ClientId == poisoned && f.HandledAt == null);
            await scope.Db.HandleFlagAsync(poisoned, flag.Id, "mentor", app.Time.GetUtcNow(), CancellationToken.None);
        }

        await Record.ExceptionAsync(app.RunPlannerAsync);
        Assert.True(app.Poisoned.Tries > triesPerRun[^1]);
    }

    /// <summary>A client whose step is due today and who prefers the time it is now: the planner checks in with them at once.</summary>
    private async Task<int> AddDueClientAsync()
    {
        var client = await app.AddClientAsync(Phones.Next());
        await using var scope = app.NewScope();
        var stored = await scope.Db.Clients.SingleAsync(c => c.Id == client.Id);
        stored.PreferredTime = new TimeOnly(9, 30);
        stored.NextContactAt = app.Time.GetUtcNow();
        var step = await scope.Db.Steps.SingleAsync(s => s.Goal!.ClientId == client.Id);
        step.DueDate = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);
        step.CreatedAt = app.Time.GetUtcNow().AddDays(-1);
        var goal = await scope.Db.Goals.SingleAsync(g => g.ClientId == client.Id);
        goal.Pillar = BridgePillar.WellBeing;
        await scope.Db.SaveChangesAsync();
        return client.Id;
    }
}
