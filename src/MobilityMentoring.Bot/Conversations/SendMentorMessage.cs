using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Operations;
using MobilityMentoring.Bot.Privacy;

namespace MobilityMentoring.Bot.Conversations;

public enum MentorMessageResult { Sent, WaitsForMorning, OptedOut }

/// <summary>
/// A mentor writes to their own client as themselves (the client page and <c>POST /api/clients/{id}/messages</c>),
/// through the same outbox: 1 to 1,600 characters, nothing to a client who opted out or whose case is closed, WhatsApp's window rules apply,
/// and in quiet hours the message waits for the morning unless the mentor says it cannot wait. Audit-logged.
/// </summary>
public sealed class SendMentorMessage(BotDbContext db, TurnProcessor turns)
{
    public const int MaxLength = 1600;

    public async Task<Outcome<MentorMessageResult>> RunAsync(
        ClaimsPrincipal mentor, int clientId, string? text, bool overrideQuietHours, CancellationToken cancellationToken)
    {
        if (!await db.Clients.OwnedBy(mentor).AnyAsync(c => c.Id == clientId, cancellationToken))
        {
            return Outcome.NotFound<MentorMessageResult>();
        }

        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength)
        {
            return Outcome.Invalid<MentorMessageResult>("text", $"Write 1 to {MaxLength} characters.");
        }

        var mentorId = mentor.Id();
        var result = MentorMessageResult.Sent;
        var open = await turns.ContinueConversationAsync(clientId, "mentor-message", async (turn, ct) =>
        {
            var client = turn.Client!;
            if (client.OptedOutAt is not null)
            {
                result = MentorMessageResult.OptedOut;
                return;
            }

            var notBefore = overrideQuietHours ? null : await turn.NextOpenHourAsync(ct);
            result = notBefore is null ? MentorMessageResult.Sent : MentorMessageResult.WaitsForMorning;
            var reply = new Activity
            {
                ChannelId = turn.Activity.ChannelId, From = turn.Activity.Recipient, Recipient = turn.Activity.From,
                Conversation = turn.Activity.Conversation, Text = text.Trim(), Timestamp = turn.Now,
                ChannelData = new OutboundDetails(MessageOrigin.Mentor, NotBefore: notBefore),
            };
            await turn.SendAsync(reply, ct);
            turn.Db.AuditEntries.Add(new AuditEntry { At = turn.Now, Actor = mentorId, Action = AuditAction.MessageSend, Subject = $"client:{clientId}" });
        }, cancellationToken);
        return !open ? Outcome.Conflict<MentorMessageResult>("The case is closed: nothing is sent.")
            : result == MentorMessageResult.OptedOut ? Outcome.Conflict<MentorMessageResult>("The client opted out: nothing is sent.")
            : Outcome.Done(result);
    }
}
