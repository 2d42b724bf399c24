using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Conversations;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Dialogs;
using MobilityMentoring.Bot.Operations;
using MobilityMentoring.Bot.Privacy;

namespace MobilityMentoring.Bot.Coaching.Rewards;

/// <summary>
/// The client's mentor (or a coordinator) approves a milestone reward with an evidence note (the client page, the
/// rewards page and <c>POST /api/rewards/{id}/approve</c>). Only a milestone of a client they may see; the note 1 to
/// 500 characters. The approval, its audit line and the client's "good news" message commit together in one
/// proactive turn, so a payout is never approved without the client hearing of it, nor told twice.
/// </summary>
public sealed class ApproveReward(BotDbContext db, TurnProcessor turns, DialogContent content)
{
    public const int MaxNoteLength = 500;

    private static readonly CultureInfo Euro = CultureInfo.GetCultureInfo("nl-NL");

    public async Task<Outcome<RewardEntry>> RunAsync(ClaimsPrincipal user, long rewardId, string? evidenceNote, CancellationToken cancellationToken)
    {
        var visible = db.Clients.VisibleTo(user).Real().Select(c => c.Id); // a payout is for a real client only
        var reward = await db.RewardEntries.AsNoTracking().SingleOrDefaultAsync(
            r => r.Id == rewardId && r.Kind == RewardKind.Milestone && visible.Contains(r.ClientId), cancellationToken);
        if (reward is null)
        {
            return Outcome.NotFound<RewardEntry>();
        }

        var note = evidenceNote?.Trim();
        if (string.IsNullOrEmpty(note) || note.Length > MaxNoteLength)
        {
            return Outcome.Invalid<RewardEntry>("evidenceNote", $"Say in 1 to {MaxNoteLength} characters what the client did to earn it.");
        }

        return reward.ApprovedAt is null && await ApproveAsync(reward, user.Id(), note, cancellationToken)
            ? Outcome.Done(reward)
            : Outcome.Conflict<RewardEntry>("This reward was approved already.");
    }

    /// <summary>False when someone else approved it first.</summary>
    private async Task<bool> ApproveAsync(RewardEntry reward, string approverId, string evidenceNote, CancellationToken cancellationToken)
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
                At = now, Actor = approverId, Action = AuditAction.RewardApprove, Subject = $"client:{reward.ClientId}",
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
