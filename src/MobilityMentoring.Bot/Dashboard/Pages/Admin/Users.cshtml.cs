using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;

namespace MobilityMentoring.Bot.Dashboard.Pages.Admin;

public sealed record UserRow(string Id, string Email, string? Name, IReadOnlyList<string> Roles, bool Locked, bool TwoFactor);

/// <summary>
/// Admins make accounts for mentors and coordinators and lock them, and say which roles must sign in with an
/// authenticator code. Accounts are never made by registering.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class UsersModel(UserManager<BotUser> users, TimeProvider time) : PageModel
{
    public IReadOnlyList<UserRow> Users { get; private set; } = [];
    public IReadOnlyList<string> RolesRequiringTwoFactor { get; private set; } = [];
    public DashboardText Text { get; private set; } = new("nl");

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync([FromServices] TwoFactorPolicy policy, CancellationToken cancellationToken)
    {
        RolesRequiringTwoFactor = await policy.RolesRequiringAsync(cancellationToken);
        Text = await DashboardText.ForAsync(users, User);
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var rows = new List<UserRow>();
        foreach (var user in all)
        {
            rows.Add(new UserRow(user.Id, user.Email ?? "", user.FirstName, [.. await users.GetRolesAsync(user)],
                user.LockoutEnd is { } end && end > time.GetUtcNow(), user.TwoFactorEnabled));
        }

        Users = rows;
    }

    public async Task<IActionResult> OnPostCreateAsync(
        string? email, string? firstName, string? role, string? password, [FromServices] CreateAccount create, CancellationToken cancellationToken)
    {
        Notice = (await create.RunAsync(User, new NewAccount(email, firstName, role, password), cancellationToken)).IsDone ? "users.created" : "users.invalid";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRoleAsync(string userId, string? role, [FromServices] ChangeRole change, CancellationToken cancellationToken)
    {
        Notice = (await change.RunAsync(User, userId, role, cancellationToken)).IsDone ? "users.role.changed" : "users.role.refused";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostTwoFactorPolicyAsync(string? role, bool required, [FromServices] RequireTwoFactor requireTwoFactor, CancellationToken cancellationToken)
    {
        Notice = (await requireTwoFactor.RunAsync(User, role, required, cancellationToken)).IsDone
            ? required ? "users.2fa.nowrequired" : "users.2fa.nowoptional"
            : "users.2fa.invalid";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostResetTwoFactorAsync(string? userId, [FromServices] ResetTwoFactor reset, CancellationToken cancellationToken)
    {
        Notice = (await reset.RunAsync(User, userId, cancellationToken)).IsDone ? "users.2fa.reset.done" : "users.2fa.invalid";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostLockAsync(string userId, bool locked, [FromServices] LockAccount lockAccount, CancellationToken cancellationToken)
    {
        await lockAccount.RunAsync(User, userId, locked, cancellationToken);
        return RedirectToPage();
    }
}
