using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MobilityMentoring.Bot.Accounts;

namespace MobilityMentoring.Bot.Dashboard.Pages.Account;

/// <summary>Switches the signed-in user's dashboard (and summaries) between Dutch and English.</summary>
public sealed class LanguageModel(UserManager<BotUser> users) : PageModel
{
    public async Task<IActionResult> OnPostAsync(string? language, string? returnUrl)
    {
        if (await users.GetUserAsync(User) is { } user && language is "nl" or "en")
        {
            user.Language = language;
            await users.UpdateAsync(user);
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
