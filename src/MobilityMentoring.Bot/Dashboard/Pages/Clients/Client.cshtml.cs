using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Api;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Conversations;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Dialogs;
using MobilityMentoring.Bot.Privacy;
using MobilityMentoring.Bot.Summaries;

namespace MobilityMentoring.Bot.Dashboard.Pages.Clients;

/// <summary>
/// One client, for their own mentor only (crisis flags and the transcript are health data): goals and steps, flags,
/// rewards, check-ins, the conversation, a message from the mentor, and the hand-off. Every view is audit-logged.
/// </summary>
public sealed class ClientModel(
    BotDbContext db, UserManager<BotUser> users, MentorMessages messages, RewardApprovals rewards, SummaryBuilder summaries, TimeProvider time)
    : PageModel
{
    public Client Client { get; private set; } = null!;
    public List<Goal> Goals { get; private set; } = [];
    public List<Flag> Flags { get; private set; } = [];
    public List<RewardEntry> Rewards { get; private set; } = [];
    public List<CheckIn> CheckIns { get; private set; } = [];
    public List<Message> Transcript { get; private set; } = [];
    public DashboardText Text { get; private set; } = new("nl");

    /// <summary>Since the mentor last marked a summary reviewed: the weekly one if the job made it, else built now.</summary>
    public string Summary { get; private set; } = "";
    public DateTimeOffset SummaryFrom { get; private set; }
    public CultureInfo Culture => CultureInfo.GetCultureInfo(Text.Language == "en" ? "en-GB" : "nl-NL");

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        db.AuditEntries.Add(new AuditEntry { At = time.GetUtcNow(), Actor = User.Id(), Action = "transcript.view", Subject = $"client:{id}" });
        await db.SaveChangesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostMessageAsync(int id, string? text, bool overrideQuietHours, CancellationToken cancellationToken)
    {
        if (!await OwnsAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var key = string.IsNullOrWhiteSpace(text) || text.Length > MentorMessages.MaxLength
            ? "sent.Empty"
            : $"sent.{await messages.SendAsync(id, User.Id(), text.Trim(), overrideQuietHours, cancellationToken)}";
        return Done(id, key);
    }

    public async Task<IActionResult> OnPostFlagHandledAsync(int id, int flagId, CancellationToken cancellationToken)
    {
        if (!await OwnsAsync(id, cancellationToken))
        {
            return NotFound();
        }

        await db.HandleFlagAsync(id, flagId, User.Id(), time.GetUtcNow(), cancellationToken);
        return Done(id, null);
    }

    public async Task<IActionResult> OnPostApproveAsync(int id, long rewardId, string? evidenceNote, CancellationToken cancellationToken)
    {
        if (!await OwnsAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (await db.RewardEntries.SingleOrDefaultAsync(r => r.Id == rewardId && r.ClientId == id && r.ApprovedAt == null, cancellationToken) is { } reward
            && !string.IsNullOrWhiteSpace(evidenceNote))
        {
            await rewards.ApproveAsync(reward, User.Id(), evidenceNote.Trim()[..Math.Min(500, evidenceNote.Trim().Length)], cancellationToken);
        }

        return Done(id, null);
    }

    /// <summary>"Gelezen": the next summary starts from now.</summary>
    public async Task<IActionResult> OnPostReviewedAsync(int id, CancellationToken cancellationToken)
    {
        if (!await OwnsAsync(id, cancellationToken))
        {
            return NotFound();
        }

        await summaries.MarkReviewedAsync(id, time.GetUtcNow(), (await users.GetUserAsync(User))?.Language ?? "nl", cancellationToken);
        return Done(id, null);
    }

    /// <summary>A step agreed in a meeting, on the client's current goal (or the one picked).</summary>
    public async Task<IActionResult> OnPostAddStepAsync(int id, int goalId, string? text, DateOnly? dueDate, DayPart? duePart, bool needsVerification,
        CancellationToken cancellationToken)
    {
        if (!await OwnsAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var client = await db.Clients.SingleAsync(c => c.Id == id, cancellationToken);
        var now = time.GetUtcNow();
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length > 500 || dueDate is not { } due || due < client.Today(now) || duePart is null
            || !await db.Goals.AnyAsync(g => g.Id == goalId && g.ClientId == id && g.Status == GoalStatus.Active, cancellationToken))
        {
            return Done(id, "step.invalid");
        }

        db.Steps.Add(new Step
        {
            GoalId = goalId, Text = text.Trim(), DueDate = due, DuePart = duePart, Status = StepStatus.Active, NeedsVerification = needsVerification,
            CreatedAt = now, Position = await db.Steps.CountAsync(s => s.GoalId == goalId, cancellationToken),
        });
        client.NextContactAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return Done(id, "step.added");
    }

    /// <summary>Changes a planned step's words, day or part of the day; the planner plans its check-in again.</summary>
    public async Task<IActionResult> OnPostEditStepAsync(int id, int stepId, string? text, DateOnly? dueDate, DayPart? duePart, CancellationToken cancellationToken)
    {
        if (!await OwnsAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var client = await db.Clients.SingleAsync(c => c.Id == id, cancellationToken);
        var now = time.GetUtcNow();
        if (await db.Steps.SingleOrDefaultAsync(s => s.Id == stepId && s.Goal!.ClientId == id && s.Status == StepStatus.Active, cancellationToken) is not { } step
            || string.IsNullOrWhiteSpace(text) || text.Trim().Length > 500 || dueDate is not { } due || due < client.Today(now) || duePart is null)
        {
            return Done(id, "step.invalid");
        }

        (step.Text, step.DueDate, step.DuePart, client.NextContactAt) = (text.Trim(), due, duePart, now);
        await db.SaveChangesAsync(cancellationToken);
        return Done(id, "step.changed");
    }

    /// <summary>Moves a step one place up or down within its goal.</summary>
    public async Task<IActionResult> OnPostMoveStepAsync(int id, int stepId, int by, CancellationToken cancellationToken)
    {
        if (!await OwnsAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (await db.Steps.SingleOrDefaultAsync(s => s.Id == stepId && s.Goal!.ClientId == id, cancellationToken) is { } step)
        {
            var steps = await db.Steps.Where(s => s.GoalId == step.GoalId).OrderBy(s => s.Position).ThenBy(s => s.Id).ToListAsync(cancellationToken);
            var from = steps.IndexOf(step);
            var to = Math.Clamp(from + Math.Sign(by), 0, steps.Count - 1);
            steps.RemoveAt(from);
            steps.Insert(to, step);
            for (var i = 0; i < steps.Count; i++)
            {
                steps[i].Position = i;
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return Done(id, null);
    }

    /// <summary>The mentor saw proof that a done step really happened.</summary>
    public async Task<IActionResult> OnPostVerifyStepAsync(int id, int stepId, CancellationToken cancellationToken)
    {
        if (!await OwnsAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var now = time.GetUtcNow();
        await db.Steps.Where(s => s.Id == stepId && s.Goal!.ClientId == id && s.Status == StepStatus.Done && s.VerifiedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.VerifiedAt, now), cancellationToken);
        db.AuditEntries.Add(new AuditEntry { At = now, Actor = User.Id(), Action = "step.verify", Subject = $"client:{id}", Detail = $"step:{stepId}" });
        await db.SaveChangesAsync(cancellationToken);
        return Done(id, null);
    }

    public async Task<IActionResult> OnPostHandOffAsync(int id, bool toMentor, CancellationToken cancellationToken)
    {
        if (!await OwnsAsync(id, cancellationToken))
        {
            return NotFound();
        }

        await messages.HandOffAsync(id, User.Id(), toMentor, time.GetUtcNow(), cancellationToken);
        return Done(id, null);
    }

    private RedirectToPageResult Done(int id, string? noticeKey)
    {
        Notice = noticeKey;
        return RedirectToPage(new { id });
    }

    private Task<bool> OwnsAsync(int id, CancellationToken cancellationToken) =>
        db.Clients.OwnedBy(User).AnyAsync(c => c.Id == id, cancellationToken);

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.Clients.AsNoTracking().OwnedBy(User).SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } client)
        {
            return false;
        }

        Client = client;
        Text = await DashboardText.ForAsync(users, User);
        Goals = await db.Goals.AsNoTracking().Include(g => g.Steps).Where(g => g.ClientId == id).OrderBy(g => g.Pillar).ThenBy(g => g.Id).ToListAsync(cancellationToken);
        Flags = await db.Flags.AsNoTracking().Where(f => f.ClientId == id && f.HandledAt == null).OrderBy(f => f.RaisedAt).ToListAsync(cancellationToken);
        Rewards = await db.RewardEntries.AsNoTracking().Where(r => r.ClientId == id).OrderByDescending(r => r.CreatedAt).ToListAsync(cancellationToken);
        CheckIns = await db.CheckIns.AsNoTracking().Include(c => c.Step).Where(c => c.Step!.Goal!.ClientId == id)
            .OrderByDescending(c => c.PlannedAt).Take(20).ToListAsync(cancellationToken);
        Transcript = await db.Messages.AsNoTracking().Where(m => m.ClientId == id).OrderByDescending(m => m.Id).Take(200).ToListAsync(cancellationToken);
        Transcript.Reverse();

        (SummaryFrom, Summary) = await summaries.SinceLastReviewAsync(id, time.GetUtcNow(), Text.Language, cancellationToken);
        return true;
    }

    public string Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Client.Zone()).ToString("ddd d MMM HH:mm", Culture);
}
