using Microsoft.AspNetCore.Mvc.RazorPages;
using MobilityMentoring.Bot.Accounts;

namespace MobilityMentoring.Bot.Dashboard.Pages.Account;

public static class SignInLimitAnswer
{
    /// <summary>
    /// Past the sign-in limits: answers 429 with Retry-After and hands back the words for the page; null when the attempt
    /// may go ahead.
    /// </summary>
    public static string? TooManyAttempts(this PageModel page, SignInRateLimits limits, string? email, DashboardText text)
    {
        if (limits.Refuse(page.HttpContext, email) is not { } wait)
        {
            return null;
        }

        page.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        page.Response.Headers.RetryAfter = SignInRateLimits.RetryAfterSeconds(wait);
        return text["signin.toomany"];
    }
}
