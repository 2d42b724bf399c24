using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace MobilityMentoring.Bot.Accounts;

/// <summary>
/// How many sign-in attempts (password, code, token refresh) may go ahead per minute: per client address and per
/// account, on the dashboard and the API together, so alternating between them gains nothing. The address comes from
/// the connection (after forwarded-headers handling, which trusts only the configured proxies), never from a header
/// read here. Counts live in this instance's memory: behind a load balancer each instance counts for itself.
/// </summary>
public sealed class SignInRateLimits : IDisposable
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<Attempt> limiter;

    private readonly SignInDevice devices;

    public SignInRateLimits(IOptions<SignInOptions> options, TimeProvider clock, SignInDevice devices)
    {
        this.devices = devices;
        var limits = options.Value;

        // The address first: attempts an address may no longer make do not use up the account's permits.
        limiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<Attempt, string>(attempt => RateLimitPartition.Get(
                attempt.Address, _ => new ClockWindowLimiter(clock, limits.PerAddressPerMinute, Minute))),
            PartitionedRateLimiter.Create<Attempt, string>(attempt => attempt.Account is { } account
                ? RateLimitPartition.Get(account, _ => new ClockWindowLimiter(clock, limits.PerAccountPerMinute, Minute))
                : RateLimitPartition.GetNoLimiter("")));
    }

    /// <summary>Null when this attempt may go ahead; otherwise how long until the next one may.</summary>
    public TimeSpan? Refuse(HttpContext context, string? email)
    {
        // A device that signed in to this account before has a limit of its own: strangers' guesses cannot use it up.
        var account = AccountKey(email) is { } key && devices.KnownFor(context, email) is { } device ? $"{key} device {device}" : AccountKey(email);
        using var lease = limiter.AttemptAcquire(new Attempt(AddressKey(context.Connection.RemoteIpAddress), account));
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Minute;
    }

    /// <summary>Retry-After in whole seconds, rounded up (a client that waits that long is let in).</summary>
    public static string RetryAfterSeconds(TimeSpan wait) =>
        Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    public void Dispose() => limiter.Dispose();

    /// <summary>One IPv6 network (/64) is one client: its owner has all 2^64 addresses in it.</summary>
    private static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static string? AccountKey(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : SignInDevice.Account(email);

    private sealed record Attempt(string Address, string? Account);
}
