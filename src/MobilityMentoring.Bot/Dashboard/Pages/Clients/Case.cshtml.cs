using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Coaching.Clients;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.DataRights;
using MobilityMentoring.Bot.Operations;

namespace MobilityMentoring.Bot.Dashboard.Pages.Clients;

/// <summary>
/// A client's case, without health data, for their mentor and for coordinators: who mentors them in which programme,
/// open or closed and why. Coordinators move it to another mentor, and erase it on request (AVG art. 17); either closes
/// or reopens it.
/// </summary>
public sealed class CaseModel(BotDbContext db, UserManager<BotUser> users) : PageModel
{
    public Client Client { get; private set; } = null!;
    public string Programme { get; private set; } = "";
    public string? Mentor { get; private set; }
    public IReadOnlyList<(string Id, string Name)> Mentors { get; private set; } = [];
    public DashboardText Text { get; private set; } = new("nl");
    public bool Own => Client.MentorId == User.Id();
    public int MaxReasonLength => CloseCase.MaxReasonLength;
    public bool MayErase => User.IsInRole(Roles.Coordinator);

    [TempData]
    public string? Notice { get; set; }

    /// <summary>Someone else's client is not there, for every handler.</summary>
    public override Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next) =>
        ClientPageGuard.RunAsync(this, db.Clients.VisibleTo(User), context, next);

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Text = await DashboardText.ForAsync(users, User);
        Client = await db.Clients.AsNoTracking().Include(c => c.Programme).Include(c => c.Mentor).SingleAsync(c => c.Id == id, cancellationToken);
        Programme = Client.Programme!.Name;
        Mentor = Client.Mentor is { } mentor ? mentor.FirstName ?? mentor.Email : null;
        if (User.SeesAllClients())
        {
            Mentors = await MentorChoices.ForAsync(users);
        }
    }

    public async Task<IActionResult> OnPostMoveAsync(int id, string? mentorId, [FromServices] MoveClient move, CancellationToken cancellationToken) =>
        Done(id, await move.RunAsync(User, id, mentorId, cancellationToken), "case.moved");

    public async Task<IActionResult> OnPostCloseAsync(int id, string? reason, [FromServices] CloseCase close, CancellationToken cancellationToken) =>
        Done(id, await close.RunAsync(User, id, reason, cancellationToken), "case.closed");

    /// <summary>Erasure cannot be undone: after it the client is gone, so the caseload says what happened.</summary>
    public async Task<IActionResult> OnPostEraseAsync(int id, string? reason, bool understood, [FromServices] EraseClient erase, CancellationToken cancellationToken)
    {
        if (!understood)
        {
            Notice = "case.erase.confirm";
            return RedirectToPage(new { id });
        }

        var outcome = await erase.RunAsync(User, id, reason, cancellationToken);
        switch (outcome.Status)
        {
            case OutcomeStatus.NotFound:
                return NotFound();
            case OutcomeStatus.Done:
                Notice = outcome.Value!.PayoutsKept > 0 ? "case.erased.kept" : "case.erased";
                return RedirectToPage("/Index");
            default:
                Notice = outcome.Status == OutcomeStatus.Conflict ? "case.erase.busy" : "case.invalid.reason.erase";
                return RedirectToPage(new { id });
        }
    }

    public async Task<IActionResult> OnPostReopenAsync(int id, [FromServices] CloseCase close, CancellationToken cancellationToken) =>
        Done(id, await close.ReopenAsync(User, id, cancellationToken), "case.reopened");

    private IActionResult Done<T>(int id, Outcome<T> outcome, string done)
    {
        if (outcome.Status == OutcomeStatus.NotFound)
        {
            return NotFound();
        }

        Notice = outcome.Status switch
        {
            OutcomeStatus.Done => done,
            OutcomeStatus.Conflict => "case.conflict",
            _ => $"case.invalid.{outcome.Errors!.Keys.First()}",
        };

        return RedirectToPage(new { id });
    }
}
