using System.Data.Common;
using System.Text;

namespace MobilityMentoring.Bot.Privacy;

/// <summary>
/// An exception as a log may show it: its type, stack trace and inner exceptions, never its message. .NET puts the
/// input into many messages (a FormatException quotes the string it could not parse, a JsonException the text near
/// the error), and in a turn that input is the client's message (AVG/GDPR: never in a log). A database error keeps its
/// SQLSTATE code, which says what went wrong without any data.
/// </summary>
public sealed class ScrubbedException : Exception
{
    private readonly string? stackTrace;

    private ScrubbedException(Exception original)
        : base(Describe(original), original.InnerException is { } inner ? From(inner) : null)
    {
        OriginalType = original.GetType().FullName ?? original.GetType().Name;
        stackTrace = original.StackTrace;
        Inner = original is AggregateException aggregate ? [.. aggregate.InnerExceptions.Select(From)] : [];
        HResult = original.HResult;
    }

    /// <summary>The type of the exception that was thrown, e.g. System.FormatException.</summary>
    public string OriginalType { get; }

    /// <summary>An aggregate's exceptions, each scrubbed.</summary>
    public IReadOnlyList<ScrubbedException> Inner { get; }

    public override string? StackTrace => stackTrace;

    public static ScrubbedException From(Exception exception) =>
        exception as ScrubbedException ?? new ScrubbedException(exception);

    public override string ToString()
    {
        var text = new StringBuilder(Message);
        foreach (var inner in Inner.Count > 0 ? Inner : InnerException is ScrubbedException single ? [single] : [])
        {
            text.Append(" ---> ").Append(inner.ToString()).AppendLine().Append("   --- End of inner exception stack trace ---");
        }

        if (stackTrace is not null)
        {
            text.AppendLine().Append(stackTrace);
        }

        return text.ToString();
    }

    private static string Describe(Exception original) =>
        original is DbException { SqlState: { } state }
            ? $"{original.GetType().FullName} (SQLSTATE {state}; message withheld)"
            : $"{original.GetType().FullName} (message withheld)";
}
