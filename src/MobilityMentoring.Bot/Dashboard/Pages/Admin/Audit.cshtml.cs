using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MobilityMentoring.Bot.Accounts;

namespace MobilityMentoring.Bot.Dashboard.Pages.Admin;

/// <summary>Admins read the audit log: who did what to whose data, newest first, filtered by person, client and action.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class AuditModel(UserManager<BotUser> users, ReadAuditLog read) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? ClientId { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? ActionName { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public AuditPage? Result { get; private set; }
    public string? Problem { get; private set; }
    public DashboardText Text { get; private set; } = new("nl");

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Text = await DashboardText.ForAsync(users, User);
        var outcome = await read.RunAsync(User, new AuditFilter(Actor, ClientId, ActionName, PageNumber), cancellationToken);
        Result = outcome.Value;
        Problem = outcome.Errors?.SelectMany(e => e.Value).FirstOrDefault();
    }

    public string PageUrl(int page) =>
        $"/admin/audit?user={Uri.EscapeDataString(Actor ?? "")}&clientId={ClientId}&action={Uri.EscapeDataString(ActionName ?? "")}&page={page}";
}
