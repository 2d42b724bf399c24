using System.Diagnostics;
using System.Net.Sockets;

namespace MobilityMentoring.Bot.Benchmarks;

/// <summary>The service as operators run it: its own process, real Kestrel, configured through environment variables.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process process;

    private ServiceProcess(Process process, string baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static string LogPath { get; } = LogPathFor("mmb-benchmark-service");

    /// <summary>Where this instance's output goes (one file per instance: the drills run two at once).</summary>
    public string OwnLogPath { get; private init; } = LogPath;

    public static string LogPathFor(string name) => Path.Combine(Path.GetTempPath(), name + ".log");

    public TimeSpan CpuTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>Starts the service on <paramref name="baseUrl"/> (see <see cref="FreeLoopbackUrl"/>) and waits until it is ready.</summary>
    /// <param name="logName">The log file's name in the temp folder, without .log; one per start.</param>
    public static async Task<ServiceProcess> StartAsync(string baseUrl, IReadOnlyDictionary<string, string> environment, string logName = "mmb-benchmark-service")
    {
        var logPath = LogPathFor(logName);
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "MobilityMentoring.Bot.dll"), "--urls", baseUrl])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the service");

        // However the benchmark ends (Ctrl+C, a timeout's SIGTERM, an exception), the service must not outlive it.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(process);
        Console.CancelKeyPress += (_, _) => Stop(process);
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var failures = 0;
        var ready = false;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                lock (log)
                {
                    log.Dispose();
                }

                return;
            }

            lock (log)
            {
                log.WriteLine(e.Data);
            }

            // Before it is ready, a new database makes EF Core log a failed read of its migrations table (expected).
            if (Volatile.Read(ref ready) && e.Data.Contains(" fail ", StringComparison.Ordinal) && Interlocked.Increment(ref failures) == 1)
            {
                Console.Error.WriteLine($"service logged a failure; its whole output is in {logPath}");
            }
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("service: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient();
        for (var i = 0; i < 600 && !process.HasExited; i++)
        {
            try
            {
                if ((await http.GetAsync(baseUrl + "/health/ready")).IsSuccessStatusCode)
                {
                    Volatile.Write(ref ready, true);
                    return new ServiceProcess(process, baseUrl) { OwnLogPath = logPath };
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        process.Kill(entireProcessTree: true);
        throw new TimeoutException("the service did not become ready (see its output above)");
    }

    /// <summary>Runs the service with a command (e.g. migrate) and waits for it to exit.</summary>
    public static async Task RunToEndAsync(string[] arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "MobilityMentoring.Bot.dll"), .. arguments])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the service");
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{string.Join(' ', arguments)}` exited with {process.ExitCode}");
        }
    }

    public static string FreeLoopbackUrl()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return $"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}";
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    /// <summary>kill -9, with no chance to finish anything: what a crash or an OOM kill does.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public ValueTask DisposeAsync()
    {
        Stop(process);
        process.Dispose();
        return ValueTask.CompletedTask;
    }
}
