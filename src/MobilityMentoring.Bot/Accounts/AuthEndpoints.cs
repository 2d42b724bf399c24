using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Privacy;

namespace MobilityMentoring.Bot.Accounts;

/// <summary>A login; <paramref name="TwoFactorCode"/> is the authenticator app's six digits, for accounts that have one.</summary>
public sealed record LoginRequest(string? Email, string? Password, string? TwoFactorCode = null);

public sealed record RefreshRequest(string? RefreshToken);

/// <summary>
/// /api/auth: bearer tokens for scripts, from Identity's bearer-token handler. Only sign-in and refresh: accounts are
/// made by admins, never by registering (Identity's own MapIdentityApi would open registration to anyone).
/// </summary>
public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Sign-in").AllowAnonymous().DisableAntiforgery()
            .AddEndpointFilter<SignInRateLimitFilter>();
        auth.MapPost("/login", LoginAsync);
        auth.MapPost("/refresh", RefreshAsync);
        return app;
    }

    /// <summary>The token response (access and refresh token) is written by the bearer handler on success.</summary>
    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> LoginAsync(LoginRequest request, StaffSignIn signIn, CancellationToken cancellationToken) =>
        await signIn.WithPasswordAsync(request.Email, request.Password, request.TwoFactorCode, SignInSurface.Api, cancellationToken) switch
        {
            SignInVerdict.SignedIn => TypedResults.Empty,
            SignInVerdict.CodeNeeded => TypedResults.Problem("Give the six-digit code from your authenticator app as twoFactorCode.",
                statusCode: StatusCodes.Status401Unauthorized),
            SignInVerdict.EnrolmentNeeded => TypedResults.Problem(
                $"Two-factor sign-in is required for your role: set up an authenticator at {TwoFactorGate.EnrolmentPath} in the dashboard first.",
                statusCode: StatusCodes.Status403Forbidden),
            _ => TypedResults.Problem("Wrong email, password or code.", statusCode: StatusCodes.Status401Unauthorized),
        };

    private static async Task<Results<SignInHttpResult, ChallengeHttpResult>> RefreshAsync(
        RefreshRequest request, SignInManager<BotUser> signIn, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider time, BotDbContext db, CancellationToken cancellationToken)
    {
        var protector = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = protector.Unprotect(request.RefreshToken ?? "");
        if (ticket?.Properties.ExpiresUtc is not { } expires || time.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user
            || await signIn.UserManager.IsLockedOutAsync(user))
        {
            return TypedResults.Challenge();
        }

        ClaimsPrincipal principal = await signIn.CreateUserPrincipalAsync(user);
        if (ticket.Principal.FindFirst(TwoFactorPolicy.MethodClaim) is { } method)
        {
            ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(method.Type, method.Value)); // still signed in with a code
        }

        db.AuditEntries.Add(new AuditEntry { At = time.GetUtcNow(), Actor = user.Id, Action = AuditAction.TokenRefresh, Subject = $"user:{user.Id}" });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }
}

/// <summary>The sign-in limits on /api/auth: 429 with Retry-After, before the handler looks at anything.</summary>
internal sealed class SignInRateLimitFilter(SignInRateLimits limits) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var email = context.Arguments.OfType<LoginRequest>().FirstOrDefault()?.Email;
        if (limits.Refuse(context.HttpContext, email) is { } wait)
        {
            context.HttpContext.Response.Headers.RetryAfter = SignInRateLimits.RetryAfterSeconds(wait);
            return TypedResults.Problem("Too many sign-in attempts; try again after the seconds in Retry-After.", statusCode: StatusCodes.Status429TooManyRequests);
        }

        return await next(context);
    }
}
