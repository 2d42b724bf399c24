using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace MobilityMentoring.Bot.Accounts;

/// <summary>
/// A change through /api signed in by the dashboard's cookie needs the page's antiforgery token in
/// <see cref="HeaderName"/>: a browser sends the cookie along with any site's request, the token only with our pages'.
/// A bearer token travels with nothing by itself, so it needs none. Reads pass as they are.
/// </summary>
public sealed class CookieForgeryFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method)
            || !SignedInByCookie(http))
        {
            return await next(context);
        }

        try
        {
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return TypedResults.Problem(
                $"A change signed in by the dashboard's cookie needs the {HeaderName} header with the token from the page's <meta name=\"csrf-token\">; scripts use a bearer token.",
                statusCode: StatusCodes.Status400BadRequest);
        }

        return await next(context);
    }

    /// <summary>Which scheme made the ticket: the cookie's, and not a bearer token (or a test's own scheme).</summary>
    private static bool SignedInByCookie(HttpContext http) =>
        http.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Ticket?.AuthenticationScheme == IdentityConstants.ApplicationScheme;
}
