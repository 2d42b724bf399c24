using System.ComponentModel;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Conversations;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Dialogs;

namespace MobilityMentoring.Bot.Coaching.Clients;

/// <summary>
/// Newcomers a mentor enrolled get the welcome in the daytime (their time). One who does not answer gets one gentle
/// retry after a day, and after another silent day the bot stops asking; their next message starts onboarding again.
/// </summary>
public sealed partial class OnboardingJob(
    BotDbContext db, TurnProcessor turns, DialogRuntime dialogs, TimeProvider time, ILogger<OnboardingJob> log)
{
    public const string RecurringId = "onboarding";

    public static readonly TimeSpan WaitForAnswer = TimeSpan.FromHours(24);

    /// <summary>Welcomes a newly enrolled client now if it is daytime for them; otherwise the job does it in the morning.</summary>
    public async Task WelcomeAsync(int clientId, CancellationToken cancellationToken)
    {
        var client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == clientId, cancellationToken);
        if (await IsDaytimeAsync(client, cancellationToken))
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
        foreach (var client in notWelcomed)
        {
            if (await IsDaytimeAsync(client, cancellationToken))
            {
                await BeginAsync(client.Id, null, cancellationToken);
            }
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
            if (DialogValues.Read(item.state.Data)?.GetBool(OnboardingDialog.RetriedValue) == true)
            {
                item.state.Dialog = null;
                item.state.DialogStep = null;
                item.state.Data = "{}";
                item.state.UpdatedAt = now;
                LogStopped(item.client.Id);
            }
            else if (await IsDaytimeAsync(item.client, cancellationToken))
            {
                await BeginAsync(item.client.Id, new JsonObject { [OnboardingDialog.RetriedValue] = true }, cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private Task<bool> BeginAsync(int clientId, JsonObject? values, CancellationToken cancellationToken) =>
        turns.ContinueConversationAsync(clientId, "onboarding", (turn, ct) =>
            dialogs.BeginAsync(turn, OnboardingDialog.DialogId, values, ct), cancellationToken);

    /// <summary>Within the programme's open hours (its cadence's window, outside quiet hours), in the client's time.</summary>
    private async Task<bool> IsDaytimeAsync(Client client, CancellationToken cancellationToken)
    {
        var cadence = await db.Programmes.AsNoTracking().Where(p => p.Id == client.ProgrammeId).Select(p => p.Cadence).SingleAsync(cancellationToken);
        var (open, close) = cadence.OpenHours(hardTopic: false);
        var local = TimeOnly.FromDateTime(client.LocalTime(time.GetUtcNow()).DateTime);
        return local >= open && local < close;
    }

    [LoggerMessage(LogLevel.Information, "Client {ClientId} did not answer the welcome or the retry; the bot stops asking")]
    private partial void LogStopped(int clientId);
}
