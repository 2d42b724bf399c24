using System.ComponentModel.DataAnnotations;
using System.Net;

namespace MobilityMentoring.Bot.Transport;

/// <summary>
/// The reverse proxies (TLS terminators, load balancers) whose X-Forwarded-For and X-Forwarded-Proto are believed.
/// Nothing configured: no forwarded header is believed from anyone.
/// </summary>
public sealed class ProxyOptions : IValidatableObject
{
    public const string Section = "Proxy";

    /// <summary>Proxy addresses, e.g. 10.0.0.2.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies live in, in CIDR notation, e.g. 10.0.0.0/24.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public bool IsConfigured => KnownProxies.Length > 0 || KnownNetworks.Length > 0;

    public IEnumerable<IPAddress> ProxyAddresses => KnownProxies.Select(IPAddress.Parse);

    public IEnumerable<IPNetwork> ProxyNetworks => KnownNetworks.Select(n => IPNetwork.Parse(n));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < KnownProxies.Length; i++)
        {
            if (!IPAddress.TryParse(KnownProxies[i], out _))
            {
                yield return new ValidationResult(
                    $"{Section}:{nameof(KnownProxies)}:{i} ('{KnownProxies[i]}') must be an IP address, e.g. 10.0.0.2.", [nameof(KnownProxies)]);
            }
        }

        for (var i = 0; i < KnownNetworks.Length; i++)
        {
            if (!IPNetwork.TryParse(KnownNetworks[i], out _))
            {
                yield return new ValidationResult(
                    $"{Section}:{nameof(KnownNetworks)}:{i} ('{KnownNetworks[i]}') must be a network in CIDR notation with no host bits, e.g. 10.0.0.0/24.",
                    [nameof(KnownNetworks)]);
            }
        }
    }
}
