using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Coaching.Clients;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Coaching.Steps;
using MobilityMentoring.Bot.Data;
using static MobilityMentoring.Bot.Api.ApiEndpoints;

namespace MobilityMentoring.Bot.Api;

public sealed record MoveClientRequest(string? MentorId);

public sealed record CloseCaseRequest(string? Reason);

public sealed record AddStepRequest(string? Text, DateOnly? DueDate, DayPart? DuePart, int? GoalId, bool NeedsVerification = false);

public sealed record ClientSummary(int Id, string? FirstName, string Phone, string Language, string? MentorId, bool Consented, bool OptedOut);

public sealed record StepView(int Id, int GoalId, string Text, DateOnly? DueDate, DayPart? DuePart, StepStatus Status, bool NeedsVerification);

/// <summary>
/// A mentor's clients: enrol a newcomer (the bot welcomes them in the daytime), add steps agreed in a meeting, close and
/// reopen a case; a coordinator moves a client to another mentor.
/// </summary>
public static class ClientsApi
{
    public static RouteGroupBuilder MapClientsApi(this RouteGroupBuilder api)
    {
        var clients = api.MapGroup("/clients").WithTags("Clients");
        clients.MapGet("/", ListAsync);
        clients.MapPost("/", EnrolAsync);
        clients.MapPost("/{id:int}/mentor", MoveAsync).RequireAuthorization(policy => policy.RequireRole(Roles.Coordinator));
        clients.MapPost("/{id:int}/close", CloseAsync);
        clients.MapPost("/{id:int}/reopen", ReopenAsync);
        clients.MapPost("/{id:int}/steps", AddStepAsync);
        return api;
    }

    private static async Task<Ok<List<ClientSummary>>> ListAsync(ClaimsPrincipal user, BotDbContext db, CancellationToken cancellationToken)
    {
        var clients = await db.Clients.VisibleTo(user).Where(c => c.ClosedAt == null).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(clients.Select(c => AsSummary(c, user)).ToList());
    }

    private static async Task<Results<Created<ClientSummary>, NotFound, ValidationProblem, ProblemHttpResult>> EnrolAsync(
        NewClient request, ClaimsPrincipal user, EnrolClient enrol, CancellationToken cancellationToken) =>
        (await enrol.RunAsync(user, request, cancellationToken)).ToHttp(c => TypedResults.Created($"/api/clients/{c.Id}", AsSummary(c, user)));

    private static async Task<Results<Ok<ClientSummary>, NotFound, ValidationProblem, ProblemHttpResult>> MoveAsync(
        int id, MoveClientRequest request, ClaimsPrincipal user, MoveClient move, CancellationToken cancellationToken) =>
        (await move.RunAsync(user, id, request.MentorId, cancellationToken)).ToHttp(c => TypedResults.Ok(AsSummary(c, user)));

    private static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> CloseAsync(
        int id, CloseCaseRequest request, ClaimsPrincipal user, CloseCase close, CancellationToken cancellationToken) =>
        (await close.RunAsync(user, id, request.Reason, cancellationToken)).ToHttp(_ => TypedResults.NoContent());

    private static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> ReopenAsync(
        int id, ClaimsPrincipal user, CloseCase close, CancellationToken cancellationToken) =>
        (await close.ReopenAsync(user, id, cancellationToken)).ToHttp(_ => TypedResults.NoContent());

    private static async Task<Results<Created<StepView>, NotFound, ValidationProblem, ProblemHttpResult>> AddStepAsync(
        int id, AddStepRequest request, ClaimsPrincipal user, AddStep add, CancellationToken cancellationToken) =>
        (await add.RunAsync(user, id, new NewStep(request.Text, request.DueDate, request.DuePart, request.GoalId, request.NeedsVerification), cancellationToken))
            .ToHttp(step => TypedResults.Created($"/api/clients/{id}/steps/{step.Id}",
                new StepView(step.Id, step.GoalId, step.Text, step.DueDate, step.DuePart, step.Status, step.NeedsVerification)));

    /// <summary>A full phone number only for the client's own mentor; masked for coordinators, as on the pages.</summary>
    private static ClientSummary AsSummary(Client c, ClaimsPrincipal user) =>
        new(c.Id, c.FirstName, c.MentorId == user.Id() ? c.Phone.Value : c.Phone.Masked, c.Language, c.MentorId, c.ConsentAt is not null, c.OptedOutAt is not null);
}
