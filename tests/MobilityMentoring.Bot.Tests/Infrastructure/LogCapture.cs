using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MobilityMentoring.Bot.Tests.Infrastructure;

/// <summary>
/// What the service logged (at the factory's levels), for tests about what an operator is told. An entry's Exception
/// is the exception as a console or any other sink writes it (its ToString), so a test can see what a log would leak.
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message, string? Exception)> Entries { get; } = new();

    /// <summary>Every entry's text with its exception's, as one would read them in the log.</summary>
    public IEnumerable<string> Texts => Entries.Select(e => e.Exception is null ? e.Message : $"{e.Message}\n{e.Exception}");

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture.Entries.Enqueue((logLevel, category, formatter(state, exception), exception?.ToString()));
    }
}
