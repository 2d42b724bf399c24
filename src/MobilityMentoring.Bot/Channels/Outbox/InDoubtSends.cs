using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MobilityMentoring.Bot.Channels.Twilio;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.Channels.Outbox;

/// <summary>
/// Sends that stayed in doubt (claimed, no SID, no status callback for Outbox:InDoubtAfter: Twilio did not answer in
/// time, answered 5xx, the connection broke, or the process died mid-send). Each is looked up in Twilio's Messages
/// list first: if Twilio has it, its SID and status are recorded and it is not sent again; if Twilio surely has none,
/// it is queued again; after Outbox:MaxInDoubtAttempts it is marked failed and the mentor flagged, never sent again.
/// </summary>
public sealed partial class InDoubtSends(
    BotDbContext db,
    TwilioRestClient twilio,
    DeliveryProblems problems,
    OutboxSignal signal,
    IOptions<OutboxOptions> outbox,
    IOptions<TwilioOptions> twilioOptions,
    ILogger<InDoubtSends> log)
{
    /// <summary>The ErrorCode of a send given up in doubt. Ours, not Twilio's (Twilio's codes are positive).</summary>
    public const int NeverConfirmed = -1;

    private const int BatchSize = 100;

    /// <summary>Twilio's clock and ours may differ a little: a match may have been created slightly "before" the row.</summary>
    private static readonly TimeSpan ClockMargin = TimeSpan.FromMinutes(1);

    private enum Outcome { Found, Requeued, StillInDoubt, GivenUp }

    public async Task ResolveAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = now - outbox.Value.InDoubtAfter;
        var inDoubt = await db.Messages.AsNoTracking()
            .Where(m => m.Direction == MessageDirection.Outbound && m.Status == MessageStatus.Dispatching
                        && m.ProviderSid == null && m.StatusUpdatedAt <= before)
            .OrderBy(m => m.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);

        var requeued = 0;
        foreach (var message in inDoubt)
        {
            try
            {
                requeued += await ResolveOneAsync(message, before, now, cancellationToken) == Outcome.Requeued ? 1 : 0;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // One row that cannot be settled must not keep the others in doubt; it is tried again next sweep.
                LogResolveFailed(e, message.Id);
                db.ChangeTracker.Clear();
            }
        }

        if (requeued > 0)
        {
            LogRequeued(requeued);
            signal.Notify();
        }
    }

    private async Task<Outcome> ResolveOneAsync(Message message, DateTimeOffset before, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var attempt = message.InDoubtAttempts + 1;

        // Only while it is still in doubt and nobody else (a status callback, another sweeper) settled it meanwhile.
        var stillInDoubt = db.Messages.Where(m => m.Id == message.Id && m.Status == MessageStatus.Dispatching && m.ProviderSid == null
                                                  && m.StatusUpdatedAt <= before && m.InDoubtAttempts == message.InDoubtAttempts);

        if (message.Channel == Channel.Simulator || !twilioOptions.Value.IsConfigured)
        {
            // Handed to the simulator, nothing can have left: queue it again, as ever.
            await stillInDoubt.ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Pending), cancellationToken);
            return Outcome.Requeued;
        }

        var lookup = await LookUpAsync(message, cancellationToken);
        if (lookup is Lookup.Found found)
        {
            var status = TwilioStatus.Parse(found.Message.Status) ?? MessageStatus.Accepted;
            var recorded = await stillInDoubt.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.ProviderSid, found.Message.Sid)
                .SetProperty(m => m.Status, status)
                .SetProperty(m => m.SentAt, found.Message.DateCreated ?? now)
                .SetProperty(m => m.StatusUpdatedAt, now)
                .SetProperty(m => m.InDoubtAttempts, attempt), cancellationToken);
            if (recorded == 1)
            {
                LogFound(message.Id, attempt);
                if (TwilioStatus.IsFailure(status))
                {
                    await problems.OnFailedDeliveryAsync(message, null, now, cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                }
            }

            return Outcome.Found;
        }

        if (attempt >= outbox.Value.MaxInDoubtAttempts)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var givenUp = await stillInDoubt.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, MessageStatus.Failed)
                .SetProperty(m => m.ErrorCode, NeverConfirmed)
                .SetProperty(m => m.StatusUpdatedAt, now)
                .SetProperty(m => m.InDoubtAttempts, attempt), cancellationToken);
            if (givenUp == 1)
            {
                await problems.OnNeverConfirmedAsync(message, now, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                LogGaveUp(message.Id, attempt, lookup is Lookup.Unknown unknown ? unknown.Reason : "Twilio has no such message");
            }

            await transaction.CommitAsync(cancellationToken);
            return Outcome.GivenUp;
        }

        if (lookup is Lookup.Unknown why)
        {
            // Twilio cannot say whether it has it: never send on a guess. Look again after another Outbox:InDoubtAfter.
            await stillInDoubt.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.StatusUpdatedAt, now)
                .SetProperty(m => m.InDoubtAttempts, attempt), cancellationToken);
            LogLookupFailed(message.Id, attempt, why.Reason);
            return Outcome.StillInDoubt;
        }

        var requeued = await stillInDoubt.ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, MessageStatus.Pending)
            .SetProperty(m => m.NextAttemptAt, (DateTimeOffset?)null)
            .SetProperty(m => m.InDoubtAttempts, attempt), cancellationToken);
        return requeued == 1 ? Outcome.Requeued : Outcome.StillInDoubt;
    }

    /// <summary>
    /// Finds this row's message in Twilio's list: same recipient, same sender (unless a Messaging Service chose it), same
    /// body (a template's body is Twilio's rendering, so not compared), created since the row was written, and not
    /// already known as another row's message.
    /// </summary>
    private async Task<Lookup> LookUpAsync(Message message, CancellationToken cancellationToken)
    {
        var listed = await twilio.ListMessagesToAsync(message.To, message.From, cancellationToken);
        if (listed is not TwilioListResult.Listed { Messages: var messages })
        {
            return new Lookup.Unknown(((TwilioListResult.Unavailable)listed).Reason);
        }

        var anySender = !string.IsNullOrWhiteSpace(twilioOptions.Value.MessagingServiceSid);
        var since = message.CreatedAt - ClockMargin;
        var candidates = messages
            .Where(m => m.To == message.To && (anySender || m.From == message.From) && (m.DateCreated is null || m.DateCreated >= since)
                        && (message.ContentSid is not null || string.Equals(m.Body?.Trim(), message.Body.Trim(), StringComparison.Ordinal)))
            .OrderBy(m => m.DateCreated)
            .ToList();
        if (candidates.Count == 0)
        {
            return new Lookup.NotFound();
        }

        var sids = candidates.Select(c => c.Sid).ToList();
        var known = await db.Messages.Where(m => m.ProviderSid != null && sids.Contains(m.ProviderSid)).Select(m => m.ProviderSid!).ToListAsync(cancellationToken);
        return candidates.FirstOrDefault(c => !known.Contains(c.Sid)) is { } match ? new Lookup.Found(match) : new Lookup.NotFound();
    }

    private abstract record Lookup
    {
        public sealed record Found(TwilioListedMessage Message) : Lookup;

        public sealed record NotFound : Lookup;

        public sealed record Unknown(string Reason) : Lookup;
    }

    [LoggerMessage(LogLevel.Warning, "Outbox message {MessageId} was in doubt; Twilio has it, so its SID is recorded and it is not sent again (look-up {Attempt})")]
    private partial void LogFound(long messageId, int attempt);

    [LoggerMessage(LogLevel.Warning, "{Count} sends in doubt are not at Twilio; queued again")]
    private partial void LogRequeued(int count);

    [LoggerMessage(LogLevel.Warning, "Outbox message {MessageId} is still in doubt after look-up {Attempt}: {Reason}")]
    private partial void LogLookupFailed(long messageId, int attempt, string reason);

    [LoggerMessage(LogLevel.Error, "Outbox message {MessageId} given up after {Attempts} times in doubt ({Reason}); its mentor is flagged")]
    private partial void LogGaveUp(long messageId, int attempts, string reason);

    [LoggerMessage(LogLevel.Error, "Outbox message {MessageId} in doubt could not be settled; tried again next sweep")]
    private partial void LogResolveFailed(Exception exception, long messageId);
}
