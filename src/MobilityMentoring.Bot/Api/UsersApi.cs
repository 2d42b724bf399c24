using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;

namespace MobilityMentoring.Bot.Api;

public sealed record RoleRequest(string? Role);

public sealed record UserView(string Id, string? Email, string? FirstName, IReadOnlyList<string> Roles);

/// <summary>Admins: the accounts of mentors, coordinators and admins (nobody registers themselves), and the audit log.</summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(policy => policy.RequireRole(Roles.Admin))
            .DisableAntiforgery().AddEndpointFilter<CookieForgeryFilter>();
        users.MapGet("/", ListAsync);
        users.MapPost("/", CreateAsync);
        users.MapPut("/{id}/role", ChangeRoleAsync);
        app.MapGet("/api/audit", AuditAsync).WithTags("Audit").RequireAuthorization(policy => policy.RequireRole(Roles.Admin));
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

    private static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> ChangeRoleAsync(
        string id, RoleRequest request, ClaimsPrincipal admin, ChangeRole change, CancellationToken cancellationToken) =>
        (await change.RunAsync(admin, id, request.Role, cancellationToken)).ToHttp(_ => TypedResults.NoContent());

    private static async Task<Results<Ok<AuditPage>, NotFound, ValidationProblem, ProblemHttpResult>> AuditAsync(
        string? user, int? clientId, string? action, int? page, int? pageSize, ClaimsPrincipal admin, ReadAuditLog read, CancellationToken cancellationToken) =>
        (await read.RunAsync(admin, new AuditFilter(user, clientId, action, page ?? 1, pageSize ?? ReadAuditLog.DefaultPageSize), cancellationToken))
            .ToHttp(TypedResults.Ok);
}
