using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Channels.Inbound;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.Channels.Simulator;

public sealed record SimulatorClient(int Id, string? FirstName, string Phone, string Language);

public sealed record SimulatorMessageRequest(string? Phone, string? Text);

public sealed record SimulatorMessage(long Id, string Direction, string Text, DateTimeOffset At, string Status);

/// <summary>/simulator: a page that plays a phone, going through the same receiver, turns and outbox as Twilio.</summary>
public static class SimulatorEndpoints
{
    public static IEndpointRouteBuilder MapSimulator(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<SimulatorOptions>>().Value;
        if (!options.Enabled)
        {
            return app;
        }

        var simulator = app.MapGroup("/simulator").ExcludeFromDescription();
        if (options.RequireSignIn)
        {
            simulator.RequireAuthorization(policy => policy.RequireRole(Roles.Mentor, Roles.Coordinator, Roles.Admin));
        }

        simulator.MapGet("/", () => TypedResults.Content(SimulatorPage.Html, "text/html; charset=utf-8"));
        simulator.MapGet("/api/clients", ListClientsAsync);
        simulator.MapGet("/api/messages", ListMessagesAsync);
        simulator.MapPost("/api/messages", SendAsync).DisableAntiforgery().RequireRateLimiting(InboundOptions.TurnsPolicy);
        return app;
    }

    private static async Task<Ok<List<SimulatorClient>>> ListClientsAsync(BotDbContext db, CancellationToken cancellationToken)
    {
        var clients = await db.Clients.OrderBy(c => c.Id).Take(200).ToListAsync(cancellationToken);
        return TypedResults.Ok(clients.Select(c => new SimulatorClient(c.Id, c.FirstName, c.Phone.Value, c.Language)).ToList());
    }

    private static async Task<Results<Ok<List<SimulatorMessage>>, ValidationProblem>> ListMessagesAsync(
        string? phone, long? after, BotDbContext db, CancellationToken cancellationToken)
    {
        if (!PhoneNumber.TryParse(phone, "NL", out var number, out var problem))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["phone"] = [problem] });
        }

        var since = after ?? 0;
        var messages = await db.Messages
            .Where(m => m.Id > since && m.Channel == Channel.Simulator && (m.From == number.Value || m.To == number.Value))
            .OrderBy(m => m.Id)
            .Take(200)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(messages
            .Select(m => new SimulatorMessage(m.Id, m.Direction == MessageDirection.Inbound ? "in" : "out", m.Body, m.CreatedAt, m.Status.ToString()))
            .ToList());
    }

    private static async Task<Results<Accepted, ValidationProblem>> SendAsync(
        SimulatorMessageRequest request, InboundMessageReceiver receiver, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!PhoneNumber.TryParse(request.Phone, "NL", out var number, out var problem))
        {
            errors["phone"] = [problem];
        }

        if (request.Text is null || request.Text.Length > Twilio.TwilioWebhookForm.MaxBodyLength)
        {
            errors["text"] = [$"Type a message of at most {Twilio.TwilioWebhookForm.MaxBodyLength} characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await receiver.ReceiveAsync(
            new InboundMessage("SIM" + Guid.NewGuid().ToString("N"), Channel.Simulator, number.Value, "simulator", request.Text!),
            cancellationToken);
        return TypedResults.Accepted((string?)null);
    }
}
