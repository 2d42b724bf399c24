using MobilityMentoring.Bot.Accounts;

namespace MobilityMentoring.Bot.Dashboard;

public static class DashboardServiceCollectionExtensions
{
    public const string StaffPolicy = "Staff";

    /// <summary>Server-rendered pages for mentors, coordinators and admins: sign-in, caseload (more to come).</summary>
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, policy => policy.RequireRole(Roles.Mentor, Roles.Coordinator, Roles.Admin));
        builder.Services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Dashboard/Pages";
            o.Conventions.AuthorizeFolder("/", StaffPolicy);
            o.Conventions.AllowAnonymousToPage("/Account/SignIn");
            o.Conventions.AllowAnonymousToPage("/Account/SignInCode");
        });
        return builder;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }
}
