using Microsoft.AspNetCore.Http.HttpResults;
using MobilityMentoring.Bot.Operations;

namespace MobilityMentoring.Bot.Api;

/// <summary>A use case's outcome as the API answers it: its result, 404, a 400 that names the field, or 409.</summary>
public static class Outcomes
{
    public static Results<TOk, NotFound, ValidationProblem, ProblemHttpResult> ToHttp<T, TOk>(this Outcome<T> outcome, Func<T, TOk> done)
        where TOk : IResult
    {
        switch (outcome.Status)
        {
            case OutcomeStatus.Done:
                return done(outcome.Value!);
            case OutcomeStatus.NotFound:
                return TypedResults.NotFound();
            case OutcomeStatus.Invalid:
                return TypedResults.ValidationProblem(outcome.Errors!.ToDictionary(e => e.Key, e => e.Value));
            default:
                return TypedResults.Problem(outcome.Problem, statusCode: StatusCodes.Status409Conflict);
        }
    }
}
