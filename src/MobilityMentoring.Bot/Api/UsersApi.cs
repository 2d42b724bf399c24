using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;

namespace MobilityMentoring.Bot.Api;

public sealed record UserView(string Id, string? Email, string? FirstName, IReadOnlyList<string> Roles);

/// <summary>Admins: the accounts of mentors, coordinators and admins. Nobody registers themselves.</summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(policy => policy.RequireRole(Roles.Admin))
            .DisableAntiforgery().AddEndpointFilter<CookieForgeryFilter>();
        users.MapGet("/", ListAsync);
        users.MapPost("/", CreateAsync);
        return app;
    }

    private static async Task<Ok<List<UserView>>> ListAsync(UserManager<BotUser> users, CancellationToken cancellationToken)
    {
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var views = new List<UserView>();
        foreach (var user in all)
        {
            views.Add(new UserView(user.Id, user.Email, user.FirstName, [.. await users.GetRolesAsync(user)]));
        }

        return TypedResults.Ok(views);
    }

    private static async Task<Results<Created<UserView>, NotFound, ValidationProblem, ProblemHttpResult>> CreateAsync(
        NewAccount request, ClaimsPrincipal admin, CreateAccount create, CancellationToken cancellationToken) =>
        (await create.RunAsync(admin, request, cancellationToken))
            .ToHttp(user => TypedResults.Created($"/api/users/{user.Id}", new UserView(user.Id, user.Email, user.FirstName, [request.Role!])));
}
