using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MobilityMentoring.Bot.Accounts;

namespace MobilityMentoring.Bot.Dashboard.Pages.Account;

/// <summary>The second sign-in step: the six digits the authenticator app shows. Counts against the same limits.</summary>
public sealed class SignInCodeModel(StaffSignIn signIn, SignInRateLimits limits) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public DashboardText Text { get; } = new("nl");

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.AwaitingCodeAsync() is null ? RedirectToPage("/Account/SignIn", new { ReturnUrl }) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await signIn.AwaitingCodeAsync() is not { } user)
        {
            return RedirectToPage("/Account/SignIn", new { ReturnUrl }); // the password step was too long ago
        }

        if (this.TooManyAttempts(limits, user.Email, Text) is { } refused)
        {
            Error = refused;
            return Page();
        }

        if (await signIn.WithCodeAsync(user, Code, SignInSurface.Dashboard, cancellationToken) == SignInVerdict.SignedIn)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        Error = Text["signin.code.wrong"];
        return Page();
    }
}
