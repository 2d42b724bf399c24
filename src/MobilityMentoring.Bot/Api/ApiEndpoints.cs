using System.Text.Json.Serialization;
using MobilityMentoring.Bot.Accounts;

namespace MobilityMentoring.Bot.Api;

/// <summary>
/// /api: the JSON API for mentors and coordinators (bearer, or cookie plus antiforgery header for changes), errors as
/// ProblemDetails.
/// </summary>
public static class ApiEndpoints
{
    /// <summary>JSON as scripts expect it: enums by name ("Afternoon"), camelCase.</summary>
    public static WebApplicationBuilder AddApi(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddOpenApi();
        return builder;
    }

    public static IEndpointRouteBuilder MapApi(this IEndpointRouteBuilder app)
    {
        // /openapi/v1.json: for signed-in staff (the scripts' authors), not for anyone mapping the service from outside.
        app.MapOpenApi().RequireAuthorization(policy => policy.RequireRole(Roles.Mentor, Roles.Coordinator, Roles.Admin));
        app.MapAuth();
        app.MapUsersApi();
        app.MapDataRightsApi();
        var api = app.MapGroup("/api")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Mentor, Roles.Coordinator))
            .DisableAntiforgery() // the form-binding check; CookieForgeryFilter checks the header instead
            .AddEndpointFilter<CookieForgeryFilter>();
        api.MapClientsApi();
        api.MapRewardsApi();
        api.MapProgrammesApi();
        api.MapCaseApi();
        api.MapReportsApi();
        return app;
    }

    /// <summary>A 400 that names the field, the way every endpoint here reports bad input.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Invalid(string field, string problem) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [problem] });
}
