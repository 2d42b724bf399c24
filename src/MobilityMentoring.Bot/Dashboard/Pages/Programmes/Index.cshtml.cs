using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Coaching.Programmes;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.Dashboard.Pages.Programmes;

public sealed record MentorLoad(string Name, string Email, int Clients, int OpenFlags);

/// <summary>Coordinators: start a programme; each programme's join keyword and rewards; the mentors with their caseloads.</summary>
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
        var clients = await db.Clients.AsNoTracking().Real().Where(c => c.MentorId != null && ids.Contains(c.MentorId) && c.ClosedAt == null)
            .GroupBy(c => c.MentorId!).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var flags = await db.Flags.AsNoTracking().Where(f => f.HandledAt == null && f.Client!.TestOwnerId == null && f.Client.MentorId != null && ids.Contains(f.Client.MentorId))
            .GroupBy(f => f.Client!.MentorId!).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        Mentors = [.. mentors.OrderBy(m => m.FirstName).Select(m => new MentorLoad(m.FirstName ?? "", m.Email ?? "", clients.GetValueOrDefault(m.Id), flags.GetValueOrDefault(m.Id)))];
    }

    public async Task<IActionResult> OnPostAsync(
        int programmeId, string? joinKeyword, int pointsPerStep, int milestoneEvery, decimal? milestoneAmount, string? infoUrl, string? infoVersion,
        [FromServices] ChangeProgrammeSettings change, CancellationToken cancellationToken)
    {
        var outcome = await change.RunAsync(
            User, programmeId, new ProgrammeChange(null, joinKeyword, pointsPerStep, milestoneEvery, milestoneAmount, infoUrl, infoVersion), cancellationToken);
        Notice = outcome.IsDone ? "programme.saved"
            : outcome.Errors?.GetValueOrDefault("joinKeyword")?.Contains(ProgrammeRules.KeywordTaken) == true ? "programme.taken" : "programme.invalid";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCreateAsync(
        string? name, string? timeZone, string? joinKeyword, [FromServices] CreateProgramme create, CancellationToken cancellationToken)
    {
        var outcome = await create.RunAsync(User, new NewProgramme(name, timeZone, joinKeyword), cancellationToken);
        Notice = outcome.IsDone ? "programme.created" : $"programme.invalid.{outcome.Errors!.Keys.First()}";
        return RedirectToPage();
    }
}
