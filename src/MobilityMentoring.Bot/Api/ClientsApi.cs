using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
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

    private static async Task<Results<Created<StepView>, NotFound, ValidationProblem>> AddStepAsync(
        int id, AddStepRequest request, ClaimsPrincipal user, BotDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var client = await db.Clients.VisibleTo(user).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (client is null)
        {
            return TypedResults.NotFound();
        }

        var now = time.GetUtcNow();
        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Trim().Length > 500)
        {
            return Invalid("text", "Write the step in 1 to 500 characters.");
        }

        if (request.DueDate is not { } due || due < client.Today(now))
        {
            return Invalid("dueDate", "Give the day of the step: today or later.");
        }

        if (request.DuePart is null)
        {
            return Invalid("duePart", "Give the part of the day: Morning, Afternoon or Evening.");
        }

        var goals = db.Goals.Where(g => g.ClientId == client.Id && g.Status == GoalStatus.Active);
        var goal = request.GoalId is { } goalId
            ? await goals.SingleOrDefaultAsync(g => g.Id == goalId, cancellationToken)
            : await StepWording.ActiveGoalAsync(db, client.Id, cancellationToken);
        if (goal is null)
        {
            return Invalid("goalId", "The client has no such active goal.");
        }

        var step = new Step
        {
            GoalId = goal.Id, Text = request.Text.Trim(), DueDate = due, DuePart = request.DuePart, Status = StepStatus.Active,
            NeedsVerification = request.NeedsVerification, CreatedAt = now,
            Position = await db.Steps.CountAsync(s => s.GoalId == goal.Id, cancellationToken),
        };
        db.Steps.Add(step);
        client.NextContactAt = now; // the planner plans the check-in for the new step
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/clients/{client.Id}/steps/{step.Id}",
            new StepView(step.Id, step.GoalId, step.Text, step.DueDate, step.DuePart, step.Status, step.NeedsVerification));
    }

    private static ClientSummary AsSummary(Client c) =>
        new(c.Id, c.FirstName, c.Phone.Value, c.Language, c.MentorId, c.ConsentAt is not null, c.OptedOutAt is not null);

    private static string? Trim(string? text, int max) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim() is var t && t.Length > max ? t[..max] : text.Trim();
}

