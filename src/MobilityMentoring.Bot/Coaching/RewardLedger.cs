using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.Coaching;

/// <summary>What a completed step earned: the new total, what is left to the next milestone, and whether one was reached.</summary>
public sealed record StepReward(int Total, int ToNextMilestone, bool MilestoneReached, bool AlreadyAwarded);

/// <summary>
/// The append-only points ledger. A step pays once: the check here keeps the conversation right, and a unique
/// index on (step, kind) keeps the database right even when two turns race.
/// </summary>
public sealed class RewardLedger(BotDbContext db)
{
    public async Task<int> PointsAsync(int clientId, CancellationToken cancellationToken) =>
        await db.RewardEntries.Where(r => r.ClientId == clientId).SumAsync(r => r.Points, cancellationToken);

    public static int ToNextMilestone(int total, Programme programme) =>
        programme.MilestoneEvery <= 0 ? 0 : programme.MilestoneEvery - total % programme.MilestoneEvery;

    public async Task<StepReward> AwardStepAsync(Client client, Programme programme, Step step, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = await PointsAsync(client.Id, cancellationToken);
        if (await db.RewardEntries.AnyAsync(r => r.StepId == step.Id && r.Kind == RewardKind.StepPoints, cancellationToken))
        {
            return new StepReward(before, ToNextMilestone(before, programme), MilestoneReached: false, AlreadyAwarded: true);
        }

        var total = before + programme.PointsPerStep;
        db.RewardEntries.Add(new RewardEntry
        {
            ClientId = client.Id, Kind = RewardKind.StepPoints, Points = programme.PointsPerStep, StepId = step.Id,
            Reason = "step done", CreatedAt = now,
        });

        var milestone = programme.MilestoneEvery > 0 && total / programme.MilestoneEvery > before / programme.MilestoneEvery;
        if (milestone)
        {
            // A reward for the mentor to approve; the client hears when it is approved.
            db.RewardEntries.Add(new RewardEntry
            {
                ClientId = client.Id, Kind = RewardKind.Milestone, Amount = programme.MilestoneAmount,
                Reason = $"milestone {total / programme.MilestoneEvery * programme.MilestoneEvery}", CreatedAt = now,
            });
        }

        return new StepReward(total, ToNextMilestone(total, programme), milestone, AlreadyAwarded: false);
    }
}
