using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.Dashboard.Pages.Programmes;

public sealed record MentorLoad(string Name, string Email, int Clients, int OpenFlags);

/// <summary>Coordinators: each programme's join keyword and rewards, and the mentors with their caseloads.</summary>
[Authorize(Roles = Roles.Coordinator)]
public sealed class ProgrammesModel(BotDbContext db, UserManager<BotUser> users) : PageModel
{
    public IReadOnlyList<Programme> Programmes { get; private set; } = [];
    public IReadOnlyList<MentorLoad> Mentors { get; private set; } = [];
    public DashboardText Text { get; private set; } = new("nl");

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Text = await DashboardText.ForAsync(users, User);
        Programmes = await db.Programmes.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken);
        var mentors = await users.GetUsersInRoleAsync(Roles.Mentor);
        var ids = mentors.Select(m => m.Id).ToList();
        var clients = await db.Clients.AsNoTracking().Where(c => c.MentorId != null && ids.Contains(c.MentorId) && c.ClosedAt == null)
            .GroupBy(c => c.MentorId!).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var flags = await db.Flags.AsNoTracking().Where(f => f.HandledAt == null && f.Client!.MentorId != null && ids.Contains(f.Client.MentorId))
            .GroupBy(f => f.Client!.MentorId!).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        Mentors = [.. mentors.OrderBy(m => m.FirstName).Select(m => new MentorLoad(m.FirstName ?? "", m.Email ?? "", clients.GetValueOrDefault(m.Id), flags.GetValueOrDefault(m.Id)))];
    }

    public async Task<IActionResult> OnPostAsync(
        int programmeId, string? joinKeyword, int pointsPerStep, int milestoneEvery, decimal? milestoneAmount, string? infoUrl, CancellationToken cancellationToken)
    {
        var keyword = joinKeyword?.Trim().ToUpperInvariant();
        var valid = (keyword is null or "" || keyword.Length <= 32 && keyword.All(char.IsLetterOrDigit))
                    && pointsPerStep is >= 0 and <= 1000 && milestoneEvery is >= 0 and <= 10_000 && milestoneAmount is null or >= 0 and <= 1000
                    && (string.IsNullOrEmpty(infoUrl) || infoUrl.Length <= 32 && Uri.TryCreate(infoUrl, UriKind.Absolute, out _));
        var taken = !string.IsNullOrEmpty(keyword) && await db.Programmes.AnyAsync(p => p.JoinKeyword == keyword && p.Id != programmeId, cancellationToken);
        if (!valid || taken || await db.Programmes.FindAsync([programmeId], cancellationToken) is not { } programme)
        {
            Notice = taken ? "programme.taken" : "programme.invalid";
            return RedirectToPage();
        }

        (programme.JoinKeyword, programme.PointsPerStep, programme.MilestoneEvery, programme.MilestoneAmount, programme.InfoUrl) =
            (string.IsNullOrEmpty(keyword) ? null : keyword, pointsPerStep, milestoneEvery, milestoneAmount, string.IsNullOrEmpty(infoUrl) ? null : infoUrl);
        await db.SaveChangesAsync(cancellationToken);
        Notice = "programme.saved";
        return RedirectToPage();
    }
}
