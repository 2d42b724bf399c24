using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Coaching.Rewards;

namespace MobilityMentoring.Bot.Api;

public sealed record ApproveRewardRequest(string? EvidenceNote);

public sealed record RewardView(long Id, int ClientId, RewardKind Kind, int Points, decimal? Amount, string Reason, DateTimeOffset? ApprovedAt);

/// <summary>Milestone rewards wait for the client's mentor (or a coordinator) to approve them with an evidence note.</summary>
public static class RewardsApi
{
    public static RouteGroupBuilder MapRewardsApi(this RouteGroupBuilder api)
    {
        var rewards = api.MapGroup("/rewards").WithTags("Rewards");
        rewards.MapGet("/pending", PendingAsync);
        rewards.MapPost("/{id:long}/approve", ApproveAsync);
        return api;
    }

    private static async Task<Ok<List<RewardView>>> PendingAsync(ClaimsPrincipal user, BotDbContext db, CancellationToken cancellationToken)
    {
        var visible = db.Clients.VisibleTo(user).Real().Select(c => c.Id);
        var pending = await db.RewardEntries
            .Where(r => r.Kind == RewardKind.Milestone && r.ApprovedAt == null && visible.Contains(r.ClientId))
            .OrderBy(r => r.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(pending.Select(AsView).ToList());
    }

    private static async Task<Results<Ok<RewardView>, NotFound, ValidationProblem, ProblemHttpResult>> ApproveAsync(
        long id, ApproveRewardRequest request, ClaimsPrincipal user, ApproveReward approve, CancellationToken cancellationToken) =>
        (await approve.RunAsync(user, id, request.EvidenceNote, cancellationToken)).ToHttp(reward => TypedResults.Ok(AsView(reward)));

    private static RewardView AsView(RewardEntry r) => new(r.Id, r.ClientId, r.Kind, r.Points, r.Amount, r.Reason, r.ApprovedAt);
}
