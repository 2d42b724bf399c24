using System.Diagnostics;
using System.Globalization;

namespace MobilityMentoring.Bot.Benchmarks;

/// <summary>
/// A PostgreSQL server of the drill's own (initdb in the temp folder, a free port), so restarting it breaks nobody
/// else's tests on the shared server. Run as the postgres user when the drill runs as root (PostgreSQL refuses root).
/// </summary>
public sealed class ScratchCluster : IAsyncDisposable
{
    private readonly string bin;
    private readonly string dataDirectory;
    private readonly int port;

    private ScratchCluster(string bin, string dataDirectory, int port) => (this.bin, this.dataDirectory, this.port) = (bin, dataDirectory, port);

    public string ConnectionString => $"Host=127.0.0.1;Port={port.ToString(CultureInfo.InvariantCulture)};Username=mmb;Password=mmb;Database=postgres";

    public static async Task<ScratchCluster> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "pg_ctl"))) ?? throw new InvalidOperationException("no pg_ctl under /usr/lib/postgresql");
        var dataDirectory = Path.Combine(Path.GetTempPath(), "mmb-drill-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dataDirectory);
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", "postgres", dataDirectory);
        }

        var cluster = new ScratchCluster(bin, dataDirectory, new Uri(ServiceProcess.FreeLoopbackUrl()).Port);
        await cluster.PgAsync("initdb", "-D", dataDirectory, "-U", "mmb", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        await cluster.PgCtlAsync("start", "-o", $"-p {cluster.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={dataDirectory} -c max_connections=300");
        return cluster;
    }

    /// <summary>`pg_ctl restart -m fast`: open connections are cut, the server is down until it has started again. Returns how long pg_ctl took.</summary>
    public async Task<TimeSpan> RestartFastAsync()
    {
        var clock = Stopwatch.StartNew();
        await PgCtlAsync("restart", "-m", "fast");
        return clock.Elapsed;
    }

    private Task PgCtlAsync(string command, params string[] arguments) =>
        // -l: the server's output goes to a file, not to a pipe of ours that would then stay open.
        PgAsync("pg_ctl", ["-D", dataDirectory, "-l", Path.Combine(dataDirectory, "server.log"), "-w", command, .. arguments]);

    private Task PgAsync(string tool, params string[] arguments) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(bin, tool), .. arguments])
            : RunAsync(Path.Combine(bin, tool), arguments);

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await PgCtlAsync("stop", "-m", "immediate");
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
