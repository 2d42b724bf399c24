using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching.Clients;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Coaching.Steps;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Dialogs;
using static MobilityMentoring.Bot.Api.ApiEndpoints;

namespace MobilityMentoring.Bot.Api;

public sealed record EnrolClientRequest(
    string? Phone, string? FirstName, string? Language, Channel? Channel, int? ProgrammeId, string? MentorId);

public sealed record AddStepRequest(string? Text, DateOnly? DueDate, DayPart? DuePart, int? GoalId, bool NeedsVerification = false);

public sealed record ClientSummary(int Id, string? FirstName, string Phone, string Language, string? MentorId, bool Consented, bool OptedOut);

public sealed record StepView(int Id, int GoalId, string Text, DateOnly? DueDate, DayPart? DuePart, StepStatus Status, bool NeedsVerification);

/// <summary>A mentor's clients: enrol a newcomer (the bot welcomes them in the daytime) and add steps agreed in a meeting.</summary>
public static class ClientsApi
{
    public static RouteGroupBuilder MapClientsApi(this RouteGroupBuilder api)
    {
        var clients = api.MapGroup("/clients").WithTags("Clients");
        clients.MapGet("/", ListAsync);
        clients.MapPost("/", EnrolAsync);
        clients.MapPost("/{id:int}/steps", AddStepAsync);
        return api;
    }

    private static async Task<Ok<List<ClientSummary>>> ListAsync(ClaimsPrincipal user, BotDbContext db, CancellationToken cancellationToken)
    {
        var clients = await db.Clients.VisibleTo(user).Where(c => c.ClosedAt == null).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(clients.Select(AsSummary).ToList());
    }

    private static async Task<Results<Created<ClientSummary>, ValidationProblem, ProblemHttpResult>> EnrolAsync(
        EnrolClientRequest request, ClaimsPrincipal user, BotDbContext db, OnboardingJob onboarding, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (!PhoneNumber.TryParse(request.Phone, "NL", out var phone, out var problem))
        {
            return Invalid("phone", problem);
        }

        if (request.Language is { } language && language is not ("nl" or "en"))
        {
            return Invalid("language", "Use nl or en.");
        }

        var mentorId = user.SeesAllClients() ? request.MentorId : user.Id();
        if (mentorId is null || !await db.Users.AnyAsync(u => u.Id == mentorId, cancellationToken))
        {
            return Invalid("mentorId", "Name the mentor of this client.");
        }

        var programme = request.ProgrammeId is { } programmeId
            ? await db.Programmes.FindAsync([programmeId], cancellationToken)
            : await db.Programmes.OrderBy(p => p.Id).FirstOrDefaultAsync(cancellationToken);
        if (programme is null)
        {
            return Invalid("programmeId", "There is no such programme.");
        }

        if (await db.Clients.AnyAsync(c => c.ProgrammeId == programme.Id && c.Phone == phone, cancellationToken))
        {
            return TypedResults.Problem("This phone number is already a client of this programme.", statusCode: StatusCodes.Status409Conflict);
        }

        var client = new Client
        {
            ProgrammeId = programme.Id, MentorId = mentorId, Phone = phone, FirstName = Trim(request.FirstName, 100),
            Language = request.Language ?? "nl", Channel = request.Channel ?? Channel.Sms, TimeZone = programme.TimeZone,
            CreatedAt = time.GetUtcNow(),
        };
        db.Clients.Add(client);
        await db.SaveChangesAsync(cancellationToken);
        await onboarding.WelcomeAsync(client.Id, cancellationToken);
        return TypedResults.Created($"/api/clients/{client.Id}", AsSummary(client));
    }

    private static async Task<Results<Created<StepView>, NotFound, ValidationProblem, ProblemHttpResult>> AddStepAsync(
        int id, AddStepRequest request, ClaimsPrincipal user, AddStep add, CancellationToken cancellationToken) =>
        (await add.RunAsync(user, id, new NewStep(request.Text, request.DueDate, request.DuePart, request.GoalId, request.NeedsVerification), cancellationToken))
            .ToHttp(step => TypedResults.Created($"/api/clients/{id}/steps/{step.Id}",
                new StepView(step.Id, step.GoalId, step.Text, step.DueDate, step.DuePart, step.Status, step.NeedsVerification)));

    private static ClientSummary AsSummary(Client c) =>
        new(c.Id, c.FirstName, c.Phone.Value, c.Language, c.MentorId, c.ConsentAt is not null, c.OptedOutAt is not null);

    private static string? Trim(string? text, int max) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim() is var t && t.Length > max ? t[..max] : text.Trim();
}

