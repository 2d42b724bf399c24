using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Reminders;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Reminders;

/// <summary>
/// Eight simulated weeks for a cohort with different habits, across a change of summer/winter time, with the real
/// planner job on real PostgreSQL: every bot-started message is checked against the default cadence.
/// </summary>
public sealed class PlannerTimeTravelTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    private enum Habit { Answers, NotYet, Silent, Sometimes, Pauses, Stops }

    [Theory]
    [InlineData(2026, 10, 5)] // across the last Sunday of October
    [InlineData(2027, 3, 8)]  // across the last Sunday of March
    public async Task Eight_weeks_of_check_ins_keep_to_quiet_hours_caps_pauses_and_opt_outs(int year, int month, int day)
    {
        var start = new DateTimeOffset(year, month, day, 6, 0, 0, TimeSpan.Zero);
        await using var app = new TwilioAppFactory { Time = new FakeTimeProvider(start) };
        await ((IAsyncLifetime)app).InitializeAsync();
        var cohort = new List<(Chat Chat, Client Client, Habit Habit)>();
        foreach (var (habit, i) in Enum.GetValues<Habit>().SelectMany(h => new[] { h, h }).Select((h, i) => (h, i)))
        {
            var chat = new Chat(app, Phones.Next());
            var client = await app.AddClientAsync(chat.Phone);
            await ArrangeAsync(app, client.Id, preferred: (i % 3) switch { 0 => new TimeOnly(9, 30), 1 => new TimeOnly(13, 30), _ => new TimeOnly(18, 30) },
                money: i % 2 == 0);
            cohort.Add((chat, client, habit));
        }

        var end = start.AddDays(56);
        var pauses = new Dictionary<int, (DateTimeOffset From, DateTimeOffset Until)>();
        var stops = new Dictionary<int, DateTimeOffset>();
        var answered = 0;
        while (app.Time.GetUtcNow() < end)
        {
            await app.RunPlannerAsync();
            foreach (var (chat, client, habit) in cohort)
            {
                var received = await chat.NewRepliesAsync();
                if (!received.Any(m => m.StartsWith("Hoi Fatima! Is het gelukt", StringComparison.Ordinal)))
                {
                    continue;
                }

                var checkIns = chat.Transcript.Count(m => m.StartsWith("Hoi Fatima! Is het gelukt", StringComparison.Ordinal));
                var now = app.Time.GetUtcNow();
                switch (habit)
                {
                    case Habit.Answers:
                    case Habit.Sometimes when checkIns % 2 == 0:
                        await PlanNextAsync(chat, "1");
                        answered++;
                        break;
                    case Habit.NotYet:
                        await PlanNextAsync(chat, "2");
                        answered++;
                        break;
                    case Habit.Pauses when !pauses.ContainsKey(client.Id):
                        await chat.SendAsync("PAUZE 2");
                        pauses[client.Id] = (now, now.AddDays(14));
                        break;
                    case Habit.Stops when now > start.AddDays(10) && !stops.ContainsKey(client.Id):
                        await chat.SendAsync("STOP");
                        stops[client.Id] = now;
                        break;
                }
            }

            await app.AdvanceToNextDueAsync(end);
        }

        await using var scope = app.NewScope();
        var ids = cohort.Select(c => c.Client.Id).ToList();
        var sent = await scope.Db.Messages
            .Where(m => m.ClientId != null && ids.Contains(m.ClientId.Value) && m.Direction == MessageDirection.Outbound && m.Origin == MessageOrigin.Proactive)
            .Select(m => new { ClientId = m.ClientId!.Value, m.CreatedAt, m.Body }).ToListAsync();
        Assert.True(sent.Count > 60, $"the cohort got {sent.Count} check-ins");
        Assert.True(answered > 20, $"the cohort answered {answered} check-ins");
        var money = await scope.Db.Goals.Where(g => ids.Contains(g.ClientId) && g.Pillar == BridgePillar.FinancialManagement).Select(g => g.ClientId).ToListAsync();

        foreach (var message in sent)
        {
            var local = TimeZoneInfo.ConvertTime(message.CreatedAt, Amsterdam);
            Assert.InRange(local.TimeOfDay, TimeSpan.FromHours(9), TimeSpan.FromHours(20) - TimeSpan.FromTicks(1));
            if (money.Contains(message.ClientId))
            {
                Assert.True(local.TimeOfDay < TimeSpan.FromHours(12), $"a money check-in at {local}");
            }

            if (pauses.TryGetValue(message.ClientId, out var pause))
            {
                Assert.False(message.CreatedAt > pause.From && message.CreatedAt < pause.Until, $"a check-in at {local} during a pause");
            }

            Assert.False(stops.TryGetValue(message.ClientId, out var stopped) && message.CreatedAt > stopped, $"a message at {local} after STOP");
        }

        foreach (var client in sent.GroupBy(m => m.ClientId))
        {
            var days = client.GroupBy(m => ContactPlan.LocalDate(m.CreatedAt, Amsterdam)).ToList();
            Assert.All(days, d => Assert.Single(d));
            Assert.All(days.GroupBy(d => ContactPlan.WeekOf(d.Key)), week => Assert.InRange(week.Count(), 1, 3));
        }

        // The silent: a check-in, one follow-up a day later, then a month of quiet (the mentor is told twice over).
        foreach (var (_, client, _) in cohort.Where(c => c.Habit == Habit.Silent))
        {
            var times = sent.Where(m => m.ClientId == client.Id).Select(m => m.CreatedAt).Order().ToList();
            Assert.InRange(times.Count, 2, 3);
            Assert.Equal(TimeSpan.FromDays(1), times[1] - times[0]);
            if (times.Count == 3)
            {
                Assert.True(times[2] - times[1] >= TimeSpan.FromDays(30));
            }

            var flags = await scope.Db.Flags.Where(f => f.ClientId == client.Id).Select(f => f.Kind).ToListAsync();
            Assert.Contains(FlagKind.NoAnswer, flags);
            Assert.Contains(FlagKind.Unreachable, flags);
        }

        // Summer and winter time: a client who keeps answering hears from the bot at the same wall-clock time throughout.
        foreach (var (_, client, _) in cohort.Where(c => c.Habit == Habit.Answers))
        {
            var localTimes = sent.Where(m => m.ClientId == client.Id).Select(m => TimeZoneInfo.ConvertTime(m.CreatedAt, Amsterdam).TimeOfDay).Distinct().ToList();
            Assert.Single(localTimes);
        }

        var checkInRows = await scope.Db.CheckIns.CountAsync(c => ids.Contains(c.Step!.Goal!.ClientId));
        Assert.Equal(sent.Count, checkInRows);
    }

    /// <summary>"1" (done) or "2" then "1" (not yet, same step): then a new day, confirmed.</summary>
    private static async Task PlanNextAsync(Chat chat, string outcome)
    {
        var reply = await chat.SayAsync(outcome);
        if (outcome == "2")
        {
            reply = await chat.SayAsync("1");
        }
        else
        {
            reply = await chat.SayAsync("Volgende stap zetten");
        }

        Assert.Contains("?", reply, StringComparison.Ordinal);
        Assert.StartsWith("Dus:", await chat.SayAsync("morgen"));
        Assert.StartsWith("Top, afgesproken!", await chat.SayAsync("ja"));
    }

    private static async Task ArrangeAsync(BotAppFactory app, int clientId, TimeOnly preferred, bool money)
    {
        await using var scope = app.NewScope();
        var client = await scope.Db.Clients.SingleAsync(c => c.Id == clientId);
        client.PreferredTime = preferred;
        client.LastInboundAt = app.Time.GetUtcNow();
        client.NextContactAt = app.Time.GetUtcNow();
        var goal = await scope.Db.Goals.SingleAsync(g => g.ClientId == clientId);
        goal.Pillar = money ? BridgePillar.FinancialManagement : BridgePillar.WellBeing;
        await scope.Db.SaveChangesAsync();
    }
}
