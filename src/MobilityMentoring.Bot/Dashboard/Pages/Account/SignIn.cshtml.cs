using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MobilityMentoring.Bot.Accounts;

namespace MobilityMentoring.Bot.Dashboard.Pages.Account;

/// <summary>Cookie sign-in for the dashboard; five wrong passwords lock the account for a quarter of an hour.</summary>
public sealed class SignInModel(SignInManager<BotUser> signIn) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public DashboardText Text { get; } = new("nl");

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await signIn.PasswordSignInAsync(Email ?? "", Password ?? "", isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        Error = Text[result.IsLockedOut ? "signin.locked" : "signin.wrong"];
        return Page();
    }
}
