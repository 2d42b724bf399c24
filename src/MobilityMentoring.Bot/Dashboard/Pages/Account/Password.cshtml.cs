using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MobilityMentoring.Bot.Accounts;

namespace MobilityMentoring.Bot.Dashboard.Pages.Account;

/// <summary>A signed-in staff member changes their own password; their other sessions end, this one goes on.</summary>
public sealed class PasswordModel(UserManager<BotUser> users, SignInManager<BotUser> signIn) : PageModel
{
    public DashboardText Text { get; private set; } = new("nl");

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync() => Text = await DashboardText.ForAsync(users, User);

    public async Task<IActionResult> OnPostAsync(
        string? currentPassword, string? newPassword, string? confirmation, [FromServices] ChangePassword change, [FromServices] SignInRateLimits limits,
        CancellationToken cancellationToken)
    {
        // The current password is a password guess like any other: someone at an unlocked screen gets no more tries.
        Text = await DashboardText.ForAsync(users, User);
        if (this.TooManyAttempts(limits, User.Identity?.Name, Text) is not null)
        {
            Notice = "signin.toomany";
            return Page();
        }

        if (newPassword != confirmation)
        {
            Notice = "password.mismatch";
            return RedirectToPage();
        }

        var outcome = await change.RunAsync(User, new PasswordChange(currentPassword, newPassword), cancellationToken);
        if (outcome.IsDone)
        {
            await signIn.RefreshSignInAsync(outcome.Value!); // the new security stamp, so only the other sessions end
        }

        Notice = outcome.IsDone ? "password.changed" : outcome.Errors?.ContainsKey("currentPassword") == true ? "password.wrong" : "password.invalid";
        return RedirectToPage();
    }
}
