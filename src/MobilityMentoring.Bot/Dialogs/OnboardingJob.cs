using System.ComponentModel;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Conversations;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.Dialogs;

/// <summary>
/// Newcomers a mentor enrolled get the welcome in the daytime (their time). One who does not answer gets one gentle
/// retry after a day, and after another silent day the bot stops asking; their next message starts onboarding again.
/// </summary>
public sealed partial class OnboardingJob(
    BotDbContext db, TurnProcessor turns, DialogRuntime dialogs, TimeProvider time, ILogger<OnboardingJob> log)
{
    public const string RecurringId = "onboarding";

    public static readonly TimeSpan WaitForAnswer = TimeSpan.FromHours(24);

    /// <summary>The bot starts nothing at night: the reminders' default quiet hours.</summary>
    private static readonly TimeOnly DayStarts = new(9, 0), DayEnds = new(20, 0);

    /// <summary>Welcomes a newly enrolled client now if it is daytime for them; otherwise the job does it in the morning.</summary>
    public async Task WelcomeAsync(int clientId, CancellationToken cancellationToken)
    {
        var client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == clientId, cancellationToken);
        if (IsDaytime(client))
        {
            await BeginAsync(clientId, null, cancellationToken);
        }
    }

    [DisplayName("Onboarding: welcome, one gentle retry, then stop")]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var newcomers = db.Clients.Where(c => c.ConsentAt == null && c.OptedOutAt == null && c.ClosedAt == null);

        var notWelcomed = await newcomers
            .Where(c => !db.ConversationStates.Any(s => s.ClientId == c.Id))
            .OrderBy(c => c.Id).Take(500).ToListAsync(cancellationToken);
        foreach (var client in notWelcomed.Where(IsDaytime))
        {
            await BeginAsync(client.Id, null, cancellationToken);
        }

        var silentSince = now - WaitForAnswer;
        var waiting = await (
                from state in db.ConversationStates
                join client in newcomers on state.ClientId equals client.Id
                where state.Dialog == OnboardingDialog.DialogId && state.UpdatedAt <= silentSince
                select new { state, client })
            .ToListAsync(cancellationToken);
        foreach (var item in waiting)
        {
            if (JsonNode.Parse(item.state.Data)?[OnboardingDialog.RetriedValue]?.GetValue<bool>() == true)
            {
                item.state.Dialog = null;
                item.state.DialogStep = null;
                item.state.Data = "{}";
                item.state.UpdatedAt = now;
                LogStopped(item.client.Id);
            }
            else if (IsDaytime(item.client))
            {
                await BeginAsync(item.client.Id, new JsonObject { [OnboardingDialog.RetriedValue] = true }, cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private Task BeginAsync(int clientId, JsonObject? values, CancellationToken cancellationToken) =>
        turns.ContinueConversationAsync(clientId, "onboarding", (turn, ct) =>
            dialogs.BeginAsync(turn, OnboardingDialog.DialogId, values, ct), cancellationToken);

    private bool IsDaytime(Client client)
    {
        var local = TimeOnly.FromDateTime(client.LocalTime(time.GetUtcNow()).DateTime);
        return local >= DayStarts && local < DayEnds;
    }

    [LoggerMessage(LogLevel.Information, "Client {ClientId} did not answer the welcome or the retry; the bot stops asking")]
    private partial void LogStopped(int clientId);
}
