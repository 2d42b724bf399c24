namespace MobilityMentoring.Bot.Operations;

public enum OutcomeStatus { Done, NotFound, Invalid, Conflict }

/// <summary>
/// What a staff operation came to, for both surfaces to show: done (with what it made), not found (or not this
/// person's to change), invalid input that names the field, or a conflict with how things stand.
/// </summary>
public sealed record Outcome<T>(OutcomeStatus Status, T? Value, IReadOnlyDictionary<string, string[]>? Errors, string? Problem)
{
    public bool IsDone => Status == OutcomeStatus.Done;

    /// <summary>The same outcome for another value type (a failure carries no value).</summary>
    public Outcome<TOther> As<TOther>(TOther? value = default) => new(Status, value, Errors, Problem);
}

/// <summary>Makes outcomes: <c>Outcome.Done(step)</c>, <c>Outcome.Invalid&lt;Step&gt;("text", "…")</c>.</summary>
public static class Outcome
{
    public static Outcome<T> Done<T>(T value) => new(OutcomeStatus.Done, value, null, null);

    public static Outcome<Nothing> Done() => Done(default(Nothing));

    public static Outcome<T> NotFound<T>() => new(OutcomeStatus.NotFound, default, null, null);

    public static Outcome<T> Invalid<T>(string field, string problem) => Invalid<T>(new Dictionary<string, string[]> { [field] = [problem] });

    public static Outcome<T> Invalid<T>(IReadOnlyDictionary<string, string[]> errors) => new(OutcomeStatus.Invalid, default, errors, null);

    public static Outcome<T> Conflict<T>(string problem) => new(OutcomeStatus.Conflict, default, null, problem);
}

/// <summary>What an operation that makes nothing to hand back hands back.</summary>
public readonly record struct Nothing;
