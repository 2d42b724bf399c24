using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Coaching.Rewards;
using MobilityMentoring.Bot.Coaching.Steps;
using MobilityMentoring.Bot.Conversations;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Dialogs;
using MobilityMentoring.Bot.Operations;
using MobilityMentoring.Bot.Privacy;
using MobilityMentoring.Bot.Summaries;

namespace MobilityMentoring.Bot.Dashboard.Pages.Clients;

/// <summary>
/// One client, for their own mentor only (crisis flags and the transcript are health data): goals and steps, flags,
/// rewards, check-ins, the conversation, a message from the mentor, and the hand-off. Every view is audit-logged.
/// </summary>
public sealed class ClientModel(
    BotDbContext db, UserManager<BotUser> users, SummaryBuilder summaries, TimeProvider time)
    : PageModel
{
    public Client Client { get; private set; } = null!;
    public List<Goal> Goals { get; private set; } = [];
    public List<Flag> Flags { get; private set; } = [];
    public List<RewardEntry> Rewards { get; private set; } = [];
    public List<CheckIn> CheckIns { get; private set; } = [];
    public List<Message> Transcript { get; private set; } = [];
    public List<ConsentRecord> Consents { get; private set; } = [];
    public DashboardText Text { get; private set; } = new("nl");

    /// <summary>Since the mentor last marked a summary reviewed: the weekly one if the job made it, else built now.</summary>
    public string Summary { get; private set; } = "";
    public DateTimeOffset SummaryFrom { get; private set; }
    public CultureInfo Culture => CultureInfo.GetCultureInfo(Text.Language == "en" ? "en-GB" : "nl-NL");

    [TempData]
    public string? Notice { get; set; }

    /// <summary>The page is the client's own mentor's, for every handler: anyone else gets 404.</summary>
    public override Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next) =>
        ClientPageGuard.RunAsync(this, db.Clients.OwnedBy(User), context, next);

    public async Task<IActionResult> OnGetAsync(int id, [FromServices] ReadTranscript read, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        Transcript = (await read.RunAsync(User, id, "page", 200, cancellationToken)).Value!;
        return Page();
    }

    public async Task<IActionResult> OnPostMessageAsync(
        int id, string? text, bool overrideQuietHours, [FromServices] SendMentorMessage send, CancellationToken cancellationToken)
    {
        var outcome = await send.RunAsync(User, id, text, overrideQuietHours, cancellationToken);
        return Done(id, outcome.Status switch
        {
            OutcomeStatus.Done => $"sent.{outcome.Value}",
            OutcomeStatus.Conflict => "sent.refused",
            _ => "sent.Empty",
        });
    }

    public async Task<IActionResult> OnPostFlagHandledAsync(int id, int flagId, [FromServices] HandleFlag handle, CancellationToken cancellationToken)
    {
        await handle.RunAsync(User, id, flagId, cancellationToken);
        return Done(id, null);
    }

    public async Task<IActionResult> OnPostApproveAsync(
        int id, long rewardId, string? evidenceNote, [FromServices] ApproveReward approve, CancellationToken cancellationToken) =>
        Done(id, (await approve.RunAsync(User, rewardId, evidenceNote, cancellationToken)).IsDone ? "reward.approved" : "reward.invalid");

    /// <summary>"Gelezen": the next summary starts from now.</summary>
    public async Task<IActionResult> OnPostReviewedAsync(int id, [FromServices] MarkSummaryReviewed reviewed, CancellationToken cancellationToken)
    {
        await reviewed.RunAsync(User, id, cancellationToken);
        return Done(id, null);
    }

    /// <summary>A step agreed in a meeting, on the client's current goal (or the one picked).</summary>
    public async Task<IActionResult> OnPostAddStepAsync(int id, int goalId, string? text, DateOnly? dueDate, DayPart? duePart, bool needsVerification,
        [FromServices] AddStep add, CancellationToken cancellationToken) =>
        Done(id, (await add.RunAsync(User, id, new NewStep(text, dueDate, duePart, goalId, needsVerification), cancellationToken)).IsDone ? "step.added" : "step.invalid");

    /// <summary>Changes a planned step's words, day or part of the day; the planner plans its check-in again.</summary>
    public async Task<IActionResult> OnPostEditStepAsync(int id, int stepId, string? text, DateOnly? dueDate, DayPart? duePart,
        [FromServices] EditStep edit, CancellationToken cancellationToken) =>
        Done(id, (await edit.RunAsync(User, id, stepId, new StepChange(text ?? "", dueDate, duePart), cancellationToken)).IsDone ? "step.changed" : "step.invalid");

    /// <summary>Moves a step one place up or down within its goal.</summary>
    public async Task<IActionResult> OnPostMoveStepAsync(int id, int stepId, int by, [FromServices] MoveStep move, CancellationToken cancellationToken)
    {
        await move.RunAsync(User, id, stepId, by, cancellationToken);
        return Done(id, null);
    }

    /// <summary>The mentor saw proof that a done step really happened.</summary>
    public async Task<IActionResult> OnPostVerifyStepAsync(int id, int stepId, [FromServices] VerifyStep verify, CancellationToken cancellationToken)
    {
        await verify.RunAsync(User, id, stepId, cancellationToken);
        return Done(id, null);
    }

    public async Task<IActionResult> OnPostHandOffAsync(int id, bool toMentor, [FromServices] HandOff handOff, CancellationToken cancellationToken)
    {
        await handOff.RunAsync(User, id, toMentor, cancellationToken);
        return Done(id, null);
    }

    private RedirectToPageResult Done(int id, string? noticeKey)
    {
        Notice = noticeKey;
        return RedirectToPage(new { id });
    }

    private async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        Client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == id, cancellationToken);
        Text = await DashboardText.ForAsync(users, User);
        Goals = await db.Goals.AsNoTracking().Include(g => g.Steps).Where(g => g.ClientId == id).OrderBy(g => g.Pillar).ThenBy(g => g.Id).ToListAsync(cancellationToken);
        Flags = await db.Flags.AsNoTracking().Where(f => f.ClientId == id && f.HandledAt == null).OrderBy(f => f.RaisedAt).ToListAsync(cancellationToken);
        Rewards = await db.RewardEntries.AsNoTracking().Where(r => r.ClientId == id).OrderByDescending(r => r.CreatedAt).ToListAsync(cancellationToken);
        CheckIns = await db.CheckIns.AsNoTracking().Include(c => c.Step).Where(c => c.Step!.Goal!.ClientId == id)
            .OrderByDescending(c => c.PlannedAt).Take(20).ToListAsync(cancellationToken);
        Consents = await db.ConsentRecords.AsNoTracking().Where(r => r.ClientId == id).OrderByDescending(r => r.At).ThenByDescending(r => r.Id).ToListAsync(cancellationToken);

        (SummaryFrom, Summary) = await summaries.SinceLastReviewAsync(id, time.GetUtcNow(), Text.Language, cancellationToken);
    }

    public string Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Client.Zone()).ToString("ddd d MMM HH:mm", Culture);
}
