using System.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using MobilityMentoring.Bot.Channels.Inbound;

namespace MobilityMentoring.Bot.Channels.Twilio;

public static class TwilioEndpoints
{
    /// <summary>An empty TwiML answer: we reply through the REST API, never inline.</summary>
    private const string EmptyTwiml = """<?xml version="1.0" encoding="UTF-8"?><Response/>""";

    /// <remarks>
    /// No rate limiter in front: a limit that holds webhooks before they are stored would hold them in memory, where a
    /// slow sender can starve real ones and a crash loses them. The turn limit comes after storing (<see cref="InboundTurns"/>).
    /// </remarks>
    public static IEndpointRouteBuilder MapTwilio(this IEndpointRouteBuilder app)
    {
        var twilio = app.MapGroup("/twilio")
            .DisableAntiforgery()
            .AddEndpointFilter<TwilioSignatureFilter>()
            .ExcludeFromDescription();

        twilio.MapPost("/messages", ReceiveMessageAsync);
        twilio.MapPost("/status", ReceiveStatusAsync);
        return app;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> ReceiveMessageAsync(
        HttpRequest request, InboundMessageReceiver receiver, OutageReply outage, CancellationToken cancellationToken)
    {
        if (!TwilioWebhookForm.TryReadMessage(request.Form, out var message, out var problem))
        {
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
        }

        if (await receiver.ReceiveAsync(message, cancellationToken) == InboundOutcome.NotStored)
        {
            // Twilio never sends an inbound message again, so a 500 would leave the sender unanswered: answer inline.
            return TypedResults.Text(InlineReply(outage.For(message.Body)), "text/xml");
        }

        return TypedResults.Text(EmptyTwiml, "text/xml");
    }

    private static string InlineReply(string text) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><Response><Message>{SecurityElement.Escape(text)}</Message></Response>""";

    private static async Task<Results<NoContent, ProblemHttpResult>> ReceiveStatusAsync(
        HttpRequest request, long? outbox, StatusCallbackHandler handler, CancellationToken cancellationToken)
    {
        if (!TwilioWebhookForm.TryReadStatus(request.Form, out var sid, out var status, out var errorCode, out var problem))
        {
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
        }

        // Statuses we do not track (e.g. "receiving" on inbound messages) are acknowledged and ignored.
        if (status is { } known)
        {
            await handler.HandleAsync(sid, known, errorCode, outbox, cancellationToken);
        }

        return TypedResults.NoContent();
    }
}
