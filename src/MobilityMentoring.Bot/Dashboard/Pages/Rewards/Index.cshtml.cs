using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Coaching.Rewards;

namespace MobilityMentoring.Bot.Dashboard.Pages.Rewards;

public sealed record PendingReward(long Id, int ClientId, string ClientName, string Mentor, string Reason, decimal? Amount, DateTimeOffset CreatedAt);

/// <summary>The coordinator's queue of milestone rewards waiting for approval, oldest first.</summary>
[Authorize(Roles = Roles.Coordinator)]
public sealed class RewardsModel(BotDbContext db, ApproveReward approve, UserManager<BotUser> users) : PageModel
{
    public IReadOnlyList<PendingReward> Pending { get; private set; } = [];
    public DashboardText Text { get; private set; } = new("nl");

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Text = await DashboardText.ForAsync(users, User);
        Pending = await (
                from reward in db.RewardEntries.AsNoTracking()
                join client in db.Clients on reward.ClientId equals client.Id
                where client.TestOwnerId == null && reward.Kind == RewardKind.Milestone && reward.ApprovedAt == null
                orderby reward.CreatedAt
                select new PendingReward(reward.Id, client.Id, client.FirstName ?? "", client.Mentor!.FirstName ?? "", reward.Reason, reward.Amount, reward.CreatedAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(long rewardId, string? evidenceNote, CancellationToken cancellationToken)
    {
        Notice = (await approve.RunAsync(User, rewardId, evidenceNote, cancellationToken)).IsDone ? "reward.approved" : "reward.invalid";
        return RedirectToPage();
    }
}
