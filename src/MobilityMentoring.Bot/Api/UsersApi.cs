using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using static MobilityMentoring.Bot.Api.ApiEndpoints;

namespace MobilityMentoring.Bot.Api;

public sealed record NewUserRequest(string? Email, string? FirstName, string? Role, string? Password);

public sealed record UserView(string Id, string? Email, string? FirstName, IReadOnlyList<string> Roles);

/// <summary>Admins: the accounts of mentors, coordinators and admins. Nobody registers themselves.</summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(policy => policy.RequireRole(Roles.Admin)).DisableAntiforgery();
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

    private static async Task<Results<Created<UserView>, ValidationProblem>> CreateAsync(NewUserRequest request, UserManager<BotUser> users)
    {
        if (request.Role is not (Roles.Mentor or Roles.Coordinator or Roles.Admin))
        {
            return Invalid("role", "Mentor, Coordinator or Admin.");
        }

        var user = new BotUser { UserName = request.Email?.Trim(), Email = request.Email?.Trim(), FirstName = request.FirstName?.Trim(), LockoutEnabled = true };
        var created = await users.CreateAsync(user, request.Password ?? "");
        if (!created.Succeeded)
        {
            return TypedResults.ValidationProblem(created.Errors.GroupBy(e => e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "email")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
        }

        await users.AddToRoleAsync(user, request.Role);
        return TypedResults.Created($"/api/users/{user.Id}", new UserView(user.Id, user.Email, user.FirstName, [request.Role]));
    }
}
