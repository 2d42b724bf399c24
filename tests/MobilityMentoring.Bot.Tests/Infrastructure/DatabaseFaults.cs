using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MobilityMentoring.Bot.Data;
using Npgsql;

namespace MobilityMentoring.Bot.Tests.Infrastructure;

/// <summary>The service against a PostgreSQL that a test can make fail chosen statements, as when it goes away.</summary>
public sealed class FaultyDatabaseAppFactory : TwilioAppFactory
{
    public DatabaseFaults Faults { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.ConfigureDbContext<PostgresBotDbContext>(o => o.AddInterceptors(Faults)));
    }
}

/// <summary>
/// Fails statements whose text contains a given fragment, with the NpgsqlException a lost connection gives: the next
/// few (<see cref="FailNext"/>) or all of them until switched off (<see cref="FailWhile"/>).
/// </summary>
public sealed class DatabaseFaults : DbCommandInterceptor
{
    private readonly ConcurrentDictionary<string, int> failNext = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> fired = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> down = new(StringComparer.Ordinal);

    /// <summary>The next <paramref name="count"/> statements containing <paramref name="fragment"/> fail.</summary>
    public void FailNext(string fragment, int count = 1) => failNext[fragment] = count;

    /// <summary>Every statement containing <paramref name="fragment"/> fails until the returned handle is disposed.</summary>
    public IDisposable FailWhile(string fragment)
    {
        down[fragment] = true;
        return new Restore(() => down.TryRemove(fragment, out _));
    }

    /// <summary>How many statements containing <paramref name="fragment"/> were failed.</summary>
    public int Fired(string fragment) => fired.GetValueOrDefault(fragment);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        ThrowIfFailing(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ThrowIfFailing(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void ThrowIfFailing(DbCommand command)
    {
        foreach (var fragment in down.Keys.Concat(failNext.Keys).Distinct())
        {
            if (command.CommandText.Contains(fragment, StringComparison.Ordinal) && (down.ContainsKey(fragment) || TakeOne(fragment)))
            {
                fired.AddOrUpdate(fragment, 1, (_, n) => n + 1);
                throw new NpgsqlException("Failed to connect to 127.0.0.1:5432 (test)", new System.Net.Sockets.SocketException(111));
            }
        }
    }

    private bool TakeOne(string fragment)
    {
        while (failNext.TryGetValue(fragment, out var left) && left > 0)
        {
            if (failNext.TryUpdate(fragment, left - 1, left))
            {
                return true;
            }
        }

        return false;
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
