using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Conversations;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Dialogs;
using MobilityMentoring.Bot.Operations;
using MobilityMentoring.Bot.Privacy;

namespace MobilityMentoring.Bot.Coaching.Clients;

/// <summary>
/// The mentor or a coordinator closes a case with a reason (the client page and <c>POST /api/clients/{id}/close</c>):
/// the bot sends one kind goodbye within open hours, then nothing; the number is unknown to the bot again. Reopening
/// (<see cref="ReopenAsync"/>) lets the bot talk to them again, unless the number has another open case meanwhile, and
/// takes back a goodbye that has not gone out yet.
/// </summary>
public sealed class CloseCase(BotDbContext db, TurnProcessor turns, DialogContent content, TimeProvider time)
{
    public const int MaxReasonLength = 200;

    public async Task<Outcome<Nothing>> RunAsync(ClaimsPrincipal user, int clientId, string? reason, CancellationToken cancellationToken)
    {
        if (await db.Clients.AsNoTracking().VisibleTo(user).SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken) is not { } found)
        {
            return Outcome.NotFound<Nothing>();
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > MaxReasonLength)
        {
            return Outcome.Invalid<Nothing>("reason", $"Say in 1 to {MaxReasonLength} characters why the case closes.");
        }

        if (found.ClosedAt is not null)
        {
            return Outcome.Conflict<Nothing>("This case is closed already.");
        }

        var actor = user.Id();
        var closed = await turns.ContinueConversationAsync(clientId, "case-closed", async (turn, ct) =>
        {
            var client = turn.Client!;
            (client.ClosedAt, client.CloseReason, client.NextContactAt) = (turn.Now, reason.Trim(), null);

            // Nothing else reaches a closed case: what waits for the morning is taken back, and a reopened case starts afresh.
            await turn.Db.Messages.Where(m => m.ClientId == clientId && m.Direction == MessageDirection.Outbound && m.Status == MessageStatus.Pending)
                .ExecuteDeleteAsync(ct);
            await turn.Db.ConversationStates.Where(s => s.ClientId == clientId).ExecuteDeleteAsync(ct);

            // Who said STOP hears nothing, not even goodbye; nor does someone with no message either way yet (not welcomed).
            if (client.OptedOutAt is null && await turn.Db.Messages.AnyAsync(m => m.ClientId == clientId, ct))
            {
                await turn.ReplyAsync(content, "case.closed", turn.StandardArguments(),
                    new OutboundDetails(MessageOrigin.System, NotBefore: await turn.NextOpenHourAsync(ct)), ct);
            }

            turn.Db.AuditEntries.Add(new AuditEntry { At = turn.Now, Actor = actor, Action = AuditAction.CaseClose, Subject = $"client:{clientId}" });
        }, cancellationToken);
        return closed ? Outcome.Done() : Outcome.Conflict<Nothing>("This case is closed already."); // closed meanwhile (a double click)
    }

    public async Task<Outcome<Nothing>> ReopenAsync(ClaimsPrincipal user, int clientId, CancellationToken cancellationToken)
    {
        if (await db.Clients.VisibleTo(user).SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken) is not { } client)
        {
            return Outcome.NotFound<Nothing>();
        }

        if (client.ClosedAt is null)
        {
            return Outcome.Conflict<Nothing>("This case is open.");
        }

        if (await db.Clients.AnyAsync(c => c.Phone == client.Phone && c.ClosedAt == null, cancellationToken))
        {
            return Outcome.Conflict<Nothing>("This phone number has another open case now.");
        }

        // A goodbye still waiting for open hours is taken back: the client never hears the case was closed.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var withdrawn = await db.Messages
            .Where(m => m.ClientId == clientId && m.Direction == MessageDirection.Outbound && m.Status == MessageStatus.Pending && m.CreatedAt >= client.ClosedAt)
            .ExecuteDeleteAsync(cancellationToken);
        var now = time.GetUtcNow();
        (client.ClosedAt, client.CloseReason, client.NextContactAt) = (null, null, now);
        db.AuditEntries.Add(new AuditEntry
        {
            At = now, Actor = user.Id(), Action = AuditAction.CaseReopen, Subject = $"client:{clientId}", Detail = withdrawn > 0 ? "unsent goodbye withdrawn" : null,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Outcome.Conflict<Nothing>("This phone number has another open case now."); // enrolled meanwhile: the index chose
        }

        await transaction.CommitAsync(cancellationToken);
        return Outcome.Done();
    }
}
