using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Reminders;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Reminders;

/// <summary>Runs the planner job on the fake clock, jumping from one due moment to the next (at most an hour at a time).</summary>
public static class PlannerDriver
{
    public static async Task RunPlannerAsync(this BotAppFactory app)
    {
        await using var scope = app.NewScope();
        await scope.Services.GetRequiredService<CheckInPlanner>().RunAsync(CancellationToken.None);
    }

    /// <summary>Moves the clock to the next moment anything is due, but no further than an hour or <paramref name="until"/>.</summary>
    public static async Task AdvanceToNextDueAsync(this BotAppFactory app, DateTimeOffset until)
    {
        var now = app.Time.GetUtcNow();
        await using var scope = app.NewScope();
        var next = await scope.Db.Clients.Where(c => c.NextContactAt > now).MinAsync(c => c.NextContactAt);
        var target = new[] { next ?? DateTimeOffset.MaxValue, now.AddHours(1), until }.Min();
        app.Time.SetUtcNow(target > now ? target : now.AddMinutes(1));
    }

    public static async Task<int> StepIdAsync(this BotAppFactory app, int clientId)
    {
        await using var scope = app.NewScope();
        return await scope.Db.Steps.Where(s => s.Goal!.ClientId == clientId && s.Status == StepStatus.Active).Select(s => s.Id).FirstAsync();
    }
}
