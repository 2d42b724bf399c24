using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Reminders;

namespace MobilityMentoring.Bot.Dashboard.Pages.Programmes;

/// <summary>A coordinator edits a programme's cadence and sees its four-week preview before saving.</summary>
[Authorize(Roles = Roles.Coordinator)]
public sealed class CadenceModel(BotDbContext db, ChangeCadence change, CadencePreview previews, UserManager<BotUser> users) : PageModel
{
    public Programme Programme { get; private set; } = null!;

    [BindProperty]
    public CadenceForm Form { get; set; } = new();

    public CadencePreviewResult? Preview { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public bool Saved { get; private set; }
    public DashboardText Text { get; private set; } = new("nl");

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Form = CadenceForm.From(Programme.Cadence, Programme.TimeZone);
        Preview = await previews.ComputeAsync(id, Programme.Cadence, Programme.TimeZone, cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) => HandleAsync(id, save: false, cancellationToken);

    public Task<IActionResult> OnPostPreviewAsync(int id, CancellationToken cancellationToken) => HandleAsync(id, save: false, cancellationToken);

    public Task<IActionResult> OnPostSaveAsync(int id, CancellationToken cancellationToken) => HandleAsync(id, save: true, cancellationToken);

    private async Task<IActionResult> HandleAsync(int id, bool save, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var outcome = save ? await change.SaveAsync(User, id, Form.ToChange(), cancellationToken) : await change.CheckAsync(id, Form.ToChange(), cancellationToken);
        if (outcome.Value is not { } checkedCadence)
        {
            Errors = outcome.Errors?.ToDictionary(e => e.Key, e => e.Value) ?? [];
            return Page();
        }

        Saved = save;
        Preview = await previews.ComputeAsync(id, checkedCadence.Cadence, checkedCadence.TimeZone, cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        Text = await DashboardText.ForAsync(users, User);
        Programme = (await db.Programmes.SingleOrDefaultAsync(p => p.Id == id, cancellationToken))!;
        return Programme is not null;
    }
}

/// <summary>The cadence as the form posts it.</summary>
public sealed class CadenceForm
{
    public List<DayOfWeek> Days { get; set; } = [];
    public TimeOnly WindowStart { get; set; }
    public TimeOnly WindowEnd { get; set; }
    public TimeOnly QuietFrom { get; set; }
    public TimeOnly QuietUntil { get; set; }
    public TimeOnly HardTopicsUntil { get; set; }
    public int FollowUpAfterHours { get; set; }
    public int FollowUps { get; set; }
    public int MaxPerWeek { get; set; }
    public int MaxPerDay { get; set; }
    public int MaxPerStep { get; set; }
    public int UnreachableAfterDays { get; set; }
    public int UnreachableNudgeEveryDays { get; set; }
    public string TimeZone { get; set; } = "Europe/Amsterdam";

    public static CadenceForm From(Cadence c, string timeZone) => new()
    {
        Days = [.. c.Days], WindowStart = c.WindowStart, WindowEnd = c.WindowEnd, QuietFrom = c.QuietFrom, QuietUntil = c.QuietUntil,
        HardTopicsUntil = c.HardTopicsUntil, FollowUpAfterHours = (int)c.FollowUpAfter.TotalHours, FollowUps = c.FollowUps,
        MaxPerWeek = c.MaxPerWeek, MaxPerDay = c.MaxPerDay, MaxPerStep = c.MaxPerStep, UnreachableAfterDays = c.UnreachableAfterDays,
        UnreachableNudgeEveryDays = c.UnreachableNudgeEveryDays, TimeZone = timeZone,
    };

    public CadenceChange ToChange() => new(TimeZone, [.. Days], WindowStart, WindowEnd, QuietFrom, QuietUntil, HardTopicsUntil, FollowUpAfterHours,
        FollowUps, MaxPerWeek, MaxPerDay, MaxPerStep, UnreachableAfterDays, UnreachableNudgeEveryDays);
}
