using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Caseloads;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching.Clients;
using MobilityMentoring.Bot.Operations;

namespace MobilityMentoring.Bot.Dashboard.Pages;

/// <summary>A mentor's home: their clients, who needs them first, and enrolling a newcomer.</summary>
public sealed class CaseloadModel(CaseloadQuery caseload, UserManager<BotUser> users, Data.BotDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Filter { get; set; }

    public IReadOnlyList<CaseloadRow> Rows { get; private set; } = [];

    public DashboardText Text { get; private set; } = new("nl");

    public CultureInfo Culture => CultureInfo.GetCultureInfo(Text.Language == "en" ? "en-GB" : "nl-NL");

    public bool SeesAll => User.SeesAllClients();

    /// <summary>For coordinators: the programmes, to open their cadence.</summary>
    public IReadOnlyList<(int Id, string Name)> Programmes { get; private set; } = [];

    /// <summary>The programmes to enrol a client in (a choice only when there are several).</summary>
    public IReadOnlyList<(int Id, string Name)> AllProgrammes { get; private set; } = [];

    /// <summary>For coordinators: the mentors to enrol a client with.</summary>
    public IReadOnlyList<(string Id, string Name)> Mentors { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Text = await DashboardText.ForAsync(users, User);
        Rows = await caseload.ForAsync(User, Q, Filter, cancellationToken);
        AllProgrammes = [.. (await db.Programmes.AsNoTracking().OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken))
            .Select(p => (p.Id, p.Name))];
        if (SeesAll)
        {
            Programmes = AllProgrammes;
            Mentors = await MentorChoices.ForAsync(users);
        }
    }

    /// <summary>A newcomer: the bot welcomes them in their daytime. A number already in an open case is refused.</summary>
    public async Task<IActionResult> OnPostEnrolAsync(
        string? phone, string? firstName, string? language, Channel? channel, int? programmeId, string? mentorId,
        [FromServices] EnrolClient enrol, CancellationToken cancellationToken)
    {
        var outcome = await enrol.RunAsync(User, new NewClient(phone, firstName, language, channel, programmeId, mentorId), cancellationToken);
        Notice = outcome.Status switch
        {
            OutcomeStatus.Done => "enrol.done",
            OutcomeStatus.Conflict => "enrol.duplicate",
            _ => $"enrol.invalid.{outcome.Errors!.Keys.First()}",
        };
        return RedirectToPage();
    }
}
