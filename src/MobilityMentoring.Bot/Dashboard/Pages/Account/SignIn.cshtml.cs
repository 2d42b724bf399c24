using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MobilityMentoring.Bot.Accounts;

namespace MobilityMentoring.Bot.Dashboard.Pages.Account;

/// <summary>
/// Cookie sign-in for the dashboard: e-mail and password, then the code step for accounts with an authenticator. One
/// answer for an unknown address, a wrong password and a locked account; 429 past the sign-in limits.
/// </summary>
public sealed class SignInModel(StaffSignIn signIn, SignInRateLimits limits) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public DashboardText Text { get; } = new("nl");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (this.TooManyAttempts(limits, Email, Text) is { } refused)
        {
            Error = refused;
            return Page();
        }

        switch (await signIn.WithPasswordAsync(Email, Password, twoFactorCode: null, SignInSurface.Dashboard, cancellationToken))
        {
            case SignInVerdict.SignedIn:
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
            case SignInVerdict.EnrolmentNeeded:
                return LocalRedirect(TwoFactorGate.EnrolmentPath);
            case SignInVerdict.CodeNeeded:
                return RedirectToPage("/Account/SignInCode", new { ReturnUrl });
            default:
                Error = Text["signin.wrong"];
                return Page();
        }
    }
}
