using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace MobilityMentoring.Bot.Accounts;

/// <summary>
/// Identity's bearer tokens carry the security stamp but their handler never compares it, so a token issued before a
/// lock, a role change or a new password would work for the rest of its hour. Here every bearer request is checked
/// against the account as it is now (the cookie is checked the same way, in <see cref="RejectStaleCookieAsync"/>).
/// </summary>
public static class RevokedTokens
{
    public static async Task RejectStaleCookieAsync(Microsoft.AspNetCore.Authentication.Cookies.CookieValidatePrincipalContext context)
    {
        var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<BotUser>>();
        if (context.Principal is null || !await IsCurrentAsync(signIn, context.Principal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    public static IApplicationBuilder UseRevokedTokensRefused(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var scheme = context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Ticket?.AuthenticationScheme;
        // The bearer handler names its tickets "Identity.Bearer:AccessToken".
        if (scheme?.StartsWith(IdentityConstants.BearerScheme, StringComparison.Ordinal) == true
            && !await IsCurrentAsync(context.RequestServices.GetRequiredService<SignInManager<BotUser>>(), context.User))
        {
            await Results.Problem("This token is no longer valid; sign in again.", statusCode: StatusCodes.Status401Unauthorized)
                .ExecuteAsync(context);
            return;
        }

        await next(context);
    });

    /// <summary>
    /// The account still exists with the stamp the session was issued under, and is not locked (a lock made outside
    /// <see cref="LockAccount"/>, in SQL say, changes no stamp). The user is read once; the lockout check reads no more.
    /// </summary>
    private static async Task<bool> IsCurrentAsync(SignInManager<BotUser> signIn, System.Security.Claims.ClaimsPrincipal principal) =>
        await signIn.ValidateSecurityStampAsync(principal) is { } user && !await signIn.UserManager.IsLockedOutAsync(user);
}
