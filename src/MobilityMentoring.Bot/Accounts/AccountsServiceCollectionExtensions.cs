using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.Accounts;

public static class AccountsServiceCollectionExtensions
{
    /// <summary>The default scheme: a bearer token when the request carries one, else the sign-in cookie.</summary>
    public const string CookieOrBearer = "CookieOrBearer";

    /// <summary>
    /// ASP.NET Core Identity with cookie sign-in, roles Mentor/Coordinator/Admin, sign-in limits, authenticator codes
    /// (required per role where an admin says so) and lockout after five wrong codes.
    /// </summary>
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BootstrapOptions>()
            .BindConfiguration(BootstrapOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddIdentity<BotUser, IdentityRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<BotDbContext>()
            .AddDefaultTokenProviders();
        builder.Services.AddScoped<CreateAccount>();
        builder.Services.AddScoped<LockAccount>();
        builder.Services.AddScoped<ChangeRole>();
        builder.Services.AddScoped<ReadAuditLog>();
        builder.Services.AddScoped<ChangePassword>();
        builder.Services.AddSignIn();

        // A change signed in by the cookie (/api, the simulator) carries the page's token in this header: CookieForgeryFilter.
        builder.Services.AddAntiforgery(o => o.HeaderName = CookieForgeryFilter.HeaderName);

        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "mmb.auth";
            o.LoginPath = "/account/sign-in";
            o.AccessDeniedPath = "/account/sign-in";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);

            // Every cookie request is checked against the account's security stamp, so a lock, a role change or a new
            // password ends a session on its very next request (one read of the user by key). Identity's own validator
            // checks only once an interval has passed, measured in whole seconds.
            o.Events.OnValidatePrincipal = RevokedTokens.RejectStaleCookieAsync;

            // Scripts and pages' fetch calls get a status code, not a redirect to the sign-in page.
            o.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });

        // Scripts sign in at /api/auth/login for a bearer token; pages use the cookie. One scheme picks per request.
        builder.Services.AddAuthentication()
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddPolicyScheme(CookieOrBearer, null, o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme);
        builder.Services.Configure<Microsoft.AspNetCore.Authentication.AuthenticationOptions>(o =>
        {
            o.DefaultAuthenticateScheme = CookieOrBearer;
            o.DefaultChallengeScheme = CookieOrBearer;
            o.DefaultForbidScheme = CookieOrBearer;
        });

        builder.Services.AddAuthorization();
        builder.Services.AddScoped<AccountSeeder>();
        return builder;
    }

    /// <summary>Sign-in with its limits, the code step, and who must have an authenticator.</summary>
    private static void AddSignIn(this IServiceCollection services)
    {
        services.AddOptions<SignInOptions>().BindConfiguration(SignInOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SignInDevice>();
        services.AddSingleton<SignInRateLimits>();
        services.AddScoped<StaffSignIn>();
        services.AddScoped<TwoFactorPolicy>();
        services.AddScoped<TwoFactorEnrolment>();
        services.AddScoped<RequireTwoFactor>();
        services.AddScoped<ResetTwoFactor>();
    }

    /// <summary>After authentication: a session that owes its role's second factor may only set one up.</summary>
    public static WebApplication UseTwoFactorGate(this WebApplication app)
    {
        app.UseMiddleware<TwoFactorGate>();
        return app;
    }

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/simulator/api") || path.StartsWithSegments("/openapi"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
