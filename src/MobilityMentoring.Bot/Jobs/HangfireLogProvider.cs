using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace MobilityMentoring.Bot.Jobs;

/// <summary>
/// Hangfire keeps one log provider for the whole process (a static). When several hosts share a process (the test
/// suite, an in-process restart), the provider may belong to a host that has stopped, whose logger factory is
/// disposed: Hangfire's code paths then see a silent logger instead of an ObjectDisposedException.
/// </summary>
internal sealed class HangfireLogProvider(ILoggerFactory loggerFactory) : ILogProvider
{
    private readonly AspNetCoreLogProvider inner = new(loggerFactory);

    public ILog GetLogger(string name)
    {
        try
        {
            return inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return SilentLog.Instance;
        }
    }

    private sealed class SilentLog : ILog
    {
        public static readonly SilentLog Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
