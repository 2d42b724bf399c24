namespace MobilityMentoring.Bot.Accounts;

/// <summary>
/// Someone whose role requires an authenticator code, signed in without one, may only set one up: pages send them to
/// <see cref="EnrolmentPath"/>, the API (cookie or bearer) answers 403. Runs after authentication, before any endpoint.
/// </summary>
public sealed class TwoFactorGate(RequestDelegate next)
{
    public const string EnrolmentPath = "/account/two-factor";

    /// <summary>What such a session may still reach: the enrolment page, signing out, the language switch, sign-in itself.</summary>
    private static readonly PathString[] Open = [EnrolmentPath, "/account/sign-out", "/account/language", "/account/sign-in", "/api/auth", "/health"];

    public async Task InvokeAsync(HttpContext context, TwoFactorPolicy policy)
    {
        if (context.User.Identity?.IsAuthenticated != true || Open.Any(p => context.Request.Path.StartsWithSegments(p))
            || !await policy.OwedByAsync(context.User, context.RequestAborted))
        {
            await next(context);
            return;
        }

        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/simulator/api"))
        {
            await Results.Problem($"Two-factor sign-in is required for your role: set up an authenticator at {EnrolmentPath} first.",
                statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
            return;
        }

        context.Response.Redirect(EnrolmentPath);
    }
}
