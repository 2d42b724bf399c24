using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MobilityMentoring.Bot.Accounts;

namespace MobilityMentoring.Bot.Dashboard.Pages.Account;

public sealed class SignOutModel(SignInManager<BotUser> signIn) : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/account/sign-in");
    }
}
