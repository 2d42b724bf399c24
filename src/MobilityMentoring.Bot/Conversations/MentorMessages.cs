using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Privacy;
using MobilityMentoring.Bot.Reminders;

namespace MobilityMentoring.Bot.Conversations;

public enum MentorMessageResult { Sent, WaitsForMorning, OptedOut }

/// <summary>
/// A mentor writes to a client as themselves, through the same outbox: nothing to a client who opted out, WhatsApp's
/// window rules apply, and in quiet hours the message waits for the morning unless the mentor says it cannot wait.
/// Also the hand-off: the bot stays silent while the mentor handles the conversation.
/// </summary>
public sealed class MentorMessages(BotDbContext db, TurnProcessor turns)
{
    public const int MaxLength = 1600;

    public async Task<MentorMessageResult> SendAsync(int clientId, string mentorId, string text, bool overrideQuietHours, CancellationToken cancellationToken)
    {
        var result = MentorMessageResult.Sent;
        await turns.ContinueConversationAsync(clientId, "mentor-message", async (turn, ct) =>
        {
            var client = turn.Client!;
            if (client.OptedOutAt is not null)
            {
                result = MentorMessageResult.OptedOut;
                return;
            }

            var cadence = await turn.Db.Programmes.AsNoTracking().Where(p => p.Id == client.ProgrammeId).Select(p => p.Cadence).SingleAsync(ct);
            var notBefore = overrideQuietHours ? null : NextOpen(cadence, client, turn.Now);
            result = notBefore is null ? MentorMessageResult.Sent : MentorMessageResult.WaitsForMorning;
            var reply = new Activity
            {
                ChannelId = turn.Activity.ChannelId, From = turn.Activity.Recipient, Recipient = turn.Activity.From,
                Conversation = turn.Activity.Conversation, Text = text, Timestamp = turn.Now,
                ChannelData = new OutboundDetails(MessageOrigin.Mentor, NotBefore: notBefore),
            };
            await turn.SendAsync(reply, ct);
            turn.Db.AuditEntries.Add(new AuditEntry { At = turn.Now, Actor = mentorId, Action = "message.send", Subject = $"client:{clientId}" });
        }, cancellationToken);
        return result;
    }

    /// <summary>Hands the conversation to the mentor (true) or back to the bot (false).</summary>
    public async Task HandOffAsync(int clientId, string mentorId, bool toMentor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var client = await db.Clients.SingleAsync(c => c.Id == clientId, cancellationToken);
        client.HandedOffAt = toMentor ? now : null;
        client.HandedOffById = toMentor ? mentorId : null;
        if (!toMentor)
        {
            client.NextContactAt = now; // the planner picks the check-ins up again
        }

        db.AuditEntries.Add(new AuditEntry { At = now, Actor = mentorId, Action = toMentor ? "handoff.take" : "handoff.return", Subject = $"client:{clientId}" });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Null when the programme's open hours are now; else when they next begin.</summary>
    private static DateTimeOffset? NextOpen(Cadence cadence, Client client, DateTimeOffset now)
    {
        var (open, close) = cadence.OpenHours(hardTopic: false);
        var zone = client.Zone();
        var today = ContactPlan.LocalDate(now, zone);
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        return local >= open && local < close ? null
            : ContactPlan.ToInstant(local < open ? today : today.AddDays(1), open, zone);
    }
}
