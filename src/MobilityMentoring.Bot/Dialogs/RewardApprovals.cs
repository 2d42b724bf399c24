using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Conversations;
using MobilityMentoring.Bot.Privacy;

namespace MobilityMentoring.Bot.Dialogs;

/// <summary>
/// A mentor approves a milestone reward: the approval, its audit line and the client's "good news" message commit
/// together in one proactive turn, so a payout is never approved without the client hearing of it, nor told twice.
/// </summary>
public sealed class RewardApprovals(TurnProcessor turns, DialogContent content)
{
    private static readonly CultureInfo Euro = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>False when someone else approved it first.</summary>
    public async Task<bool> ApproveAsync(RewardEntry reward, string approverId, string evidenceNote, CancellationToken cancellationToken)
    {
        var approved = false;
        await turns.ContinueConversationAsync(reward.ClientId, "reward-approved", async (turn, ct) =>
        {
            var now = turn.Now;
            approved = await turn.Db.RewardEntries
                .Where(r => r.Id == reward.Id && r.ApprovedAt == null)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.ApprovedAt, now)
                    .SetProperty(r => r.ApprovedById, approverId)
                    .SetProperty(r => r.EvidenceNote, evidenceNote), ct) == 1;
            if (!approved)
            {
                return;
            }

            (reward.ApprovedAt, reward.ApprovedById, reward.EvidenceNote) = (now, approverId, evidenceNote);
            turn.Db.AuditEntries.Add(new AuditEntry
            {
                At = now, Actor = approverId, Action = "reward.approve", Subject = $"client:{reward.ClientId}",
                Detail = $"reward:{reward.Id}",
            });

            // A payout is news for the client; a reward without money was already celebrated in the check-in.
            if (reward.Amount is { } amount)
            {
                var arguments = turn.StandardArguments();
                arguments["amount"] = amount.ToString("C", Euro);
                await turn.ReplyAsync(content, "reward.approved", arguments, new OutboundDetails(MessageOrigin.Proactive), ct);
            }
        }, cancellationToken);
        return approved;
    }
}
