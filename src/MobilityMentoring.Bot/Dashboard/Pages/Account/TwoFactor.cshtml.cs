using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MobilityMentoring.Bot.Accounts;

namespace MobilityMentoring.Bot.Dashboard.Pages.Account;

/// <summary>
/// Setting up an authenticator app (QR code or key, then a code from the app), or turning it off. Someone whose role
/// requires it lands here after the password and can go nowhere else until it is done (<see cref="TwoFactorGate"/>).
/// </summary>
public sealed class TwoFactorModel(UserManager<BotUser> users, SignInManager<BotUser> signIn, TwoFactorEnrolment enrolment, TwoFactorPolicy policy) : PageModel
{
    public DashboardText Text { get; private set; } = new("nl");
    public bool Enabled { get; private set; }
    public bool Required { get; private set; }
    public AuthenticatorSetup? Setup { get; private set; }
    public string? QrCode { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        Text = await DashboardText.ForAsync(users, User);
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        Required = await policy.RequiredForAsync(user, cancellationToken);
        if (!Enabled)
        {
            Setup = await enrolment.SetupAsync(user);
            QrCode = QrCodeImage.PngDataUri(Setup.Uri);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync(string? code, CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if ((await enrolment.EnableAsync(user, code, cancellationToken)).IsDone)
        {
            // The code just given proves the second factor: this session counts as signed in with it.
            await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(TwoFactorPolicy.MethodClaim, TwoFactorPolicy.WithSecondFactor)]);
            Notice = "2fa.enabled";
        }
        else
        {
            Notice = "2fa.wrong";
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if ((await enrolment.DisableAsync(user, cancellationToken)).IsDone)
        {
            await signIn.SignInAsync(user, isPersistent: false); // a session without the second factor from now on
            Notice = "2fa.disabled";
        }
        else
        {
            Notice = "2fa.required";
        }

        return RedirectToPage();
    }
}
