using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Caseloads;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Coaching.Steps;
using MobilityMentoring.Bot.Conversations;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Privacy;
using MobilityMentoring.Bot.Summaries;
using static MobilityMentoring.Bot.Api.ApiEndpoints;

namespace MobilityMentoring.Bot.Api;

public sealed record FlagView(int Id, FlagKind Kind, string? Note, DateTimeOffset RaisedAt);

public sealed record TranscriptLine(long Id, string Direction, string Body, DateTimeOffset At, string Status);

public sealed record SummaryView(DateTimeOffset From, DateTimeOffset To, string Text);

public sealed record MentorMessageRequest(string? Text, bool OverrideQuietHours = false);

public sealed record HandOffRequest(bool ToMentor);

public sealed record EditStepRequest(string? Text, DateOnly? DueDate, DayPart? DuePart);

/// <summary>
/// The client page's operations for scripts, for the client's own mentor only (crisis flags and transcripts are
/// health data): caseload rows, flags, transcript (audit-logged), summary, message, hand-off, step edits.
/// </summary>
public static class CaseApi
{
    public static RouteGroupBuilder MapCaseApi(this RouteGroupBuilder api)
    {
        api.MapGet("/caseload", CaseloadAsync).WithTags("Caseload");
        var client = api.MapGroup("/clients/{id:int}").WithTags("Client");
        client.MapGet("/flags", FlagsAsync);
        client.MapPost("/flags/{flagId:int}/handled", HandleFlagAsync);
        client.MapGet("/transcript", TranscriptAsync);
        client.MapGet("/summary", SummaryAsync);
        client.MapPost("/summary/reviewed", ReviewedAsync);
        client.MapPost("/messages", MessageAsync);
        client.MapPost("/handoff", HandOffAsync);
        client.MapPut("/steps/{stepId:int}", EditStepAsync);
        return api;
    }

    private static async Task<Ok<List<CaseloadRow>>> CaseloadAsync(string? q, string? filter, ClaimsPrincipal user, CaseloadQuery caseload, CancellationToken cancellationToken) =>
        TypedResults.Ok(await caseload.ForAsync(user, q, filter, cancellationToken));

    private static async Task<Results<Ok<List<FlagView>>, NotFound, ValidationProblem, ProblemHttpResult>> FlagsAsync(
        int id, ClaimsPrincipal user, ReadFlags read, CancellationToken cancellationToken) =>
        (await read.RunAsync(user, id, "api", cancellationToken)).ToHttp(flags => TypedResults.Ok(flags.Select(f => new FlagView(f.Id, f.Kind, f.Note, f.RaisedAt)).ToList()));

    private static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> HandleFlagAsync(
        int id, int flagId, ClaimsPrincipal user, HandleFlag handle, CancellationToken cancellationToken) =>
        (await handle.RunAsync(user, id, flagId, cancellationToken)).ToHttp(_ => TypedResults.NoContent());
    private static async Task<Results<Ok<List<TranscriptLine>>, NotFound, ValidationProblem, ProblemHttpResult>> TranscriptAsync(
        int id, ClaimsPrincipal user, ReadTranscript read, CancellationToken cancellationToken) =>
        (await read.RunAsync(user, id, "api", MaxTranscript, cancellationToken)).ToHttp(messages => TypedResults.Ok(messages
            .Select(m => new TranscriptLine(m.Id, m.Direction == MessageDirection.Inbound ? "in" : "out", m.Body, m.CreatedAt, m.Status.ToString())).ToList()));

    /// <summary>The API's transcript: the last this many messages.</summary>
    private const int MaxTranscript = 10_000;

    private static async Task<Results<Ok<SummaryView>, NotFound, ValidationProblem, ProblemHttpResult>> SummaryAsync(
        int id, ClaimsPrincipal user, ReadSummary read, CancellationToken cancellationToken) =>
        (await read.RunAsync(user, id, "api", cancellationToken)).ToHttp(summary => TypedResults.Ok(new SummaryView(summary.From, summary.To, summary.Text)));

    private static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> ReviewedAsync(
        int id, ClaimsPrincipal user, MarkSummaryReviewed reviewed, CancellationToken cancellationToken) =>
        (await reviewed.RunAsync(user, id, cancellationToken)).ToHttp(_ => TypedResults.NoContent());
    private static async Task<Results<Ok<string>, NotFound, ValidationProblem, ProblemHttpResult>> MessageAsync(
        int id, MentorMessageRequest request, ClaimsPrincipal user, SendMentorMessage send, CancellationToken cancellationToken) =>
        (await send.RunAsync(user, id, request.Text, request.OverrideQuietHours, cancellationToken)).ToHttp(result => TypedResults.Ok(result.ToString()));
    private static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> HandOffAsync(
        int id, HandOffRequest request, ClaimsPrincipal user, HandOff handOff, CancellationToken cancellationToken) =>
        (await handOff.RunAsync(user, id, request.ToMentor, cancellationToken)).ToHttp(_ => TypedResults.NoContent());
    private static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> EditStepAsync(
        int id, int stepId, EditStepRequest request, ClaimsPrincipal user, EditStep edit, CancellationToken cancellationToken) =>
        (await edit.RunAsync(user, id, stepId, new StepChange(request.Text, request.DueDate, request.DuePart), cancellationToken))
            .ToHttp(_ => TypedResults.NoContent());
}
