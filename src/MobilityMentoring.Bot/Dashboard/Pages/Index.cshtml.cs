using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Caseloads;

namespace MobilityMentoring.Bot.Dashboard.Pages;

/// <summary>A mentor's home: their clients, who needs them first.</summary>
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

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Text = await DashboardText.ForAsync(users, User);
        Rows = await caseload.ForAsync(User, Q, Filter, cancellationToken);
        if (SeesAll)
        {
            Programmes = [.. (await db.Programmes.AsNoTracking().OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken))
                .Select(p => (p.Id, p.Name))];
        }
    }
}
