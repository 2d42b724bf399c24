using System.Globalization;
using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace MobilityMentoring.Bot.Channels.Twilio;

/// <summary>One message as Twilio's Messages list shows it.</summary>
public sealed record TwilioListedMessage(string Sid, string? To, string? From, string? Body, string? Status, DateTimeOffset? DateCreated);

/// <summary>What Twilio's Messages list answered.</summary>
public abstract record TwilioListResult
{
    public sealed record Listed(IReadOnlyList<TwilioListedMessage> Messages) : TwilioListResult;

    /// <summary>No list came (timeout, error, circuit open): whether Twilio has a message cannot be told now.</summary>
    public sealed record Unavailable(string Reason) : TwilioListResult;
}

public sealed partial class TwilioRestClient
{
    private const int ListPageSize = 100;
    private const int ListMaxPages = 3;

    /// <summary>
    /// Twilio's newest messages to <paramref name="to"/> (from <paramref name="from"/> unless a Messaging Service picks
    /// the sender): GET Messages.json?To=…&amp;From=…, newest first, a few pages at most. No DateSent filter: a message
    /// still in Twilio's queue has no date_sent yet, and that is just the one being looked for.
    /// </summary>
    public async Task<TwilioListResult> ListMessagesToAsync(string to, string from, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var query = $"To={Uri.EscapeDataString(to)}&PageSize={ListPageSize.ToString(CultureInfo.InvariantCulture)}";
        if (string.IsNullOrWhiteSpace(settings.MessagingServiceSid))
        {
            query += $"&From={Uri.EscapeDataString(from)}";
        }

        string? next = $"2010-04-01/Accounts/{settings.AccountSid}/Messages.json?{query}";
        var messages = new List<TwilioListedMessage>();
        try
        {
            for (var page = 0; next is not null && page < ListMaxPages; page++)
            {
                // next_page_uri is absolute from the host ("/2010-04-01/…"); the client's base address is the host.
                using var request = new HttpRequestMessage(HttpMethod.Get, next.TrimStart('/'));
                Authorize(request, settings);
                using var response = await http.SendAsync(request, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    return new TwilioListResult.Unavailable($"HTTP {(int)response.StatusCode}");
                }

                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                messages.AddRange(json.RootElement.GetProperty("messages").EnumerateArray().Select(ReadListed));
                next = json.RootElement.TryGetProperty("next_page_uri", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            }
        }
        catch (TimeoutRejectedException)
        {
            return new TwilioListResult.Unavailable("no answer within Twilio:RequestTimeout");
        }
        catch (BrokenCircuitException)
        {
            return new TwilioListResult.Unavailable("circuit open after repeated failures");
        }
        catch (HttpRequestException e)
        {
            return new TwilioListResult.Unavailable($"no connection to Twilio: {e.HttpRequestError}");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return new TwilioListResult.Unavailable("unreadable list from Twilio");
        }

        return new TwilioListResult.Listed(messages);
    }

    private static TwilioListedMessage ReadListed(JsonElement m) => new(
        m.GetProperty("sid").GetString()!,
        Text(m, "to"), Text(m, "from"), Text(m, "body"), Text(m, "status"),
        DateTimeOffset.TryParse(Text(m, "date_created"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created)
            ? created
            : null);

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
