using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace MobilityMentoring.Bot.Privacy;

/// <summary>A one-line console format that passes every message, scope and exception through <see cref="LogMasker"/>.</summary>
public sealed class MaskingConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "masked";

    public override void Write<TState>(
        in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        textWriter.Write(DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z' ", System.Globalization.CultureInfo.InvariantCulture));
        textWriter.Write(ShortLevel(logEntry.LogLevel));
        textWriter.Write(' ');
        textWriter.Write(logEntry.Category);
        textWriter.Write(": ");
        textWriter.Write(LogMasker.Mask(message));
        scopeProvider?.ForEachScope(
            (scope, writer) => writer.Write($" => {LogMasker.Mask(scope?.ToString())}"), textWriter);
        textWriter.WriteLine();
        if (logEntry.Exception is not null)
        {
            textWriter.WriteLine(LogMasker.Mask(logEntry.Exception.ToString()));
        }
    }

    private static string ShortLevel(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
