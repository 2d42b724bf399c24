using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Api;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Privacy;

namespace MobilityMentoring.Bot.Dashboard.Pages.Admin;

public sealed record UserRow(string Id, string Email, string? Name, IReadOnlyList<string> Roles, bool Locked);

/// <summary>Admins make accounts for mentors and coordinators and lock them. Accounts are never made by registering.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class UsersModel(UserManager<BotUser> users, BotDbContext db, TimeProvider time) : PageModel
{
    public IReadOnlyList<UserRow> Users { get; private set; } = [];
    public DashboardText Text { get; private set; } = new("nl");

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Text = await DashboardText.ForAsync(users, User);
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var rows = new List<UserRow>();
        foreach (var user in all)
        {
            rows.Add(new UserRow(user.Id, user.Email ?? "", user.FirstName, [.. await users.GetRolesAsync(user)],
                user.LockoutEnd is { } end && end > time.GetUtcNow()));
        }

        Users = rows;
    }

    public async Task<IActionResult> OnPostCreateAsync(string? email, string? firstName, string? role, string? password)
    {
        if (role is not (Roles.Mentor or Roles.Coordinator or Roles.Admin) || string.IsNullOrWhiteSpace(email))
        {
            Notice = "users.invalid";
            return RedirectToPage();
        }

        var user = new BotUser { UserName = email.Trim(), Email = email.Trim(), FirstName = firstName?.Trim(), LockoutEnabled = true };
        var created = await users.CreateAsync(user, password ?? "");
        if (!created.Succeeded || !(await users.AddToRoleAsync(user, role)).Succeeded)
        {
            Notice = "users.invalid";
            return RedirectToPage();
        }

        await AuditAsync("user.create", user.Id, role);
        Notice = "users.created";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostLockAsync(string userId, bool locked)
    {
        if (userId != User.Id() && await users.FindByIdAsync(userId) is { } user)
        {
            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
            await AuditAsync(locked ? "user.lock" : "user.unlock", userId, null);
        }

        return RedirectToPage();
    }

    private async Task AuditAsync(string action, string userId, string? detail)
    {
        db.AuditEntries.Add(new AuditEntry { At = time.GetUtcNow(), Actor = User.Id(), Action = action, Subject = $"user:{userId}", Detail = detail });
        await db.SaveChangesAsync();
    }
}
