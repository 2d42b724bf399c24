using System.ComponentModel.DataAnnotations;
using System.Net;

namespace MobilityMentoring.Bot.Transport;

/// <summary>
/// The reverse proxies (TLS terminators, load balancers) whose X-Forwarded-For and X-Forwarded-Proto are believed.
/// Nothing configured: no forwarded header is believed from anyone. Blank entries (an empty environment variable, as a
/// compose file leaves one) count as nothing.
/// </summary>
public sealed class ProxyOptions : IValidatableObject
{
    public const string Section = "Proxy";

    /// <summary>Proxy addresses, e.g. 10.0.0.2.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies live in, in CIDR notation, e.g. 10.0.0.0/24.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public bool IsConfigured => Given(KnownProxies).Any() || Given(KnownNetworks).Any();

    public IEnumerable<IPAddress> ProxyAddresses => Given(KnownProxies).Select(IPAddress.Parse);

    public IEnumerable<IPNetwork> ProxyNetworks => Given(KnownNetworks).Select(n => IPNetwork.Parse(n));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < KnownProxies.Length; i++)
        {
            if (!string.IsNullOrWhiteSpace(KnownProxies[i]) && !IPAddress.TryParse(KnownProxies[i].Trim(), out _))
            {
                yield return new ValidationResult(
                    $"{Section}:{nameof(KnownProxies)}:{i} ('{KnownProxies[i]}') must be an IP address, e.g. 10.0.0.2.", [nameof(KnownProxies)]);
            }
        }

        for (var i = 0; i < KnownNetworks.Length; i++)
        {
            if (!string.IsNullOrWhiteSpace(KnownNetworks[i]) && !IPNetwork.TryParse(KnownNetworks[i].Trim(), out _))
            {
                yield return new ValidationResult(
                    $"{Section}:{nameof(KnownNetworks)}:{i} ('{KnownNetworks[i]}') must be a network in CIDR notation with no host bits, e.g. 10.0.0.0/24.",
                    [nameof(KnownNetworks)]);
            }
        }
    }

    private static IEnumerable<string> Given(string[] values) => values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim());
}
