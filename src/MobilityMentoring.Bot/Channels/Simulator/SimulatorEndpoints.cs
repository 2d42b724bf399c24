using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Channels.Inbound;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Privacy;

namespace MobilityMentoring.Bot.Channels.Simulator;

public sealed record SimulatorClient(int Id, string? FirstName, string Phone, string Language);

public sealed record NewTestClientRequest(string? FirstName, string? Language);

public sealed record SimulatorMessageRequest(int? ClientId, string? Text);

public sealed record SimulatorMessage(long Id, string Direction, string Text, DateTimeOffset At, string Status);

/// <summary>
/// /simulator: a page that plays a phone, going through the same receiver, turns and outbox as Twilio, for signed-in
/// staff and only as their own test clients (<see cref="TestClients"/>). Another's client, real or test, is a 404.
/// </summary>
public static class SimulatorEndpoints
{
    public static IEndpointRouteBuilder MapSimulator(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<SimulatorOptions>>().Value;
        if (!options.Enabled)
        {
            return app;
        }

        // A change made with the dashboard's cookie carries the page's antiforgery token in a header, as on /api.
        var simulator = app.MapGroup("/simulator").ExcludeFromDescription()
            .RequireAuthorization(policy => policy.RequireRole(Roles.Mentor, Roles.Coordinator, Roles.Admin))
            .AddEndpointFilter<CookieForgeryFilter>();
        simulator.MapGet("/", (HttpContext context, IAntiforgery antiforgery) => TypedResults.Content(
            SimulatorPage.Html.Replace("{{csrf-token}}", antiforgery.GetAndStoreTokens(context).RequestToken, StringComparison.Ordinal),
            "text/html; charset=utf-8"));
        simulator.MapGet("/api/clients", ListClientsAsync);
        simulator.MapPost("/api/clients", CreateClientAsync).DisableAntiforgery();
        simulator.MapGet("/api/messages", ListMessagesAsync);
        simulator.MapPost("/api/messages", SendAsync).DisableAntiforgery().RequireRateLimiting(InboundOptions.TurnsPolicy);
        return app;
    }

    private static async Task<Ok<List<SimulatorClient>>> ListClientsAsync(ClaimsPrincipal user, TestClients tests, CancellationToken cancellationToken)
    {
        var clients = await tests.Of(user).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(clients.Select(AsView).ToList());
    }

    private static async Task<Results<Created<SimulatorClient>, ValidationProblem, ProblemHttpResult>> CreateClientAsync(
        NewTestClientRequest request, ClaimsPrincipal user, TestClients tests, CancellationToken cancellationToken)
    {
        var outcome = await tests.CreateAsync(user, request.FirstName, request.Language, cancellationToken);
        return outcome switch
        {
            { Value: { } client } => TypedResults.Created($"/simulator/api/clients/{client.Id}", AsView(client)),
            { Errors: { } errors } => TypedResults.ValidationProblem(errors),
            _ => TypedResults.Problem(outcome.Problem, statusCode: StatusCodes.Status409Conflict),
        };
    }

    private static async Task<Results<Ok<List<SimulatorMessage>>, NotFound>> ListMessagesAsync(
        int clientId, long? after, ClaimsPrincipal user, TestClients tests, BotDbContext db, CancellationToken cancellationToken)
    {
        if (await tests.Of(user).Where(c => c.Id == clientId).Select(c => new { c.Phone, c.CreatedAt }).FirstOrDefaultAsync(cancellationToken) is not { } client)
        {
            return TypedResults.NotFound();
        }

        // A message not yet through its turn has no client yet: it is this test client's if it came from its number since it was made.
        var since = after ?? 0;
        var phone = client.Phone.Value;
        var messages = await db.Messages
            .Where(m => m.Id > since && m.Channel == Channel.Simulator
                        && (m.ClientId == clientId || m.ClientId == null && m.From == phone && m.CreatedAt >= client.CreatedAt))
            .OrderBy(m => m.Id)
            .Take(200)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(messages
            .Select(m => new SimulatorMessage(m.Id, m.Direction == MessageDirection.Inbound ? "in" : "out", m.Body, m.CreatedAt, m.Status.ToString()))
            .ToList());
    }

    private static async Task<Results<Accepted, NotFound, ValidationProblem>> SendAsync(
        SimulatorMessageRequest request, ClaimsPrincipal user, TestClients tests, InboundMessageReceiver receiver, CancellationToken cancellationToken)
    {
        if (request.Text is null || request.Text.Length > Twilio.TwilioWebhookForm.MaxBodyLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["text"] = [$"Type a message of at most {Twilio.TwilioWebhookForm.MaxBodyLength} characters."],
            });
        }

        if (await tests.Of(user).FirstOrDefaultAsync(c => c.Id == request.ClientId, cancellationToken) is not { } client)
        {
            return TypedResults.NotFound();
        }

        await tests.AuditAsync(user, AuditAction.SimulatorMessage, client.Id, cancellationToken);
        await receiver.ReceiveAsync(
            new InboundMessage("SIM" + Guid.NewGuid().ToString("N"), Channel.Simulator, client.Phone.Value, "simulator", request.Text),
            cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    private static SimulatorClient AsView(Client c) => new(c.Id, c.FirstName, c.Phone.Value, c.Language);
}
