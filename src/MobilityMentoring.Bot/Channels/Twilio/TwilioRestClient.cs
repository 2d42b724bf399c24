using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace MobilityMentoring.Bot.Channels.Twilio;

public sealed record TwilioSendRequest(
    string To, string From, string Body, string? ContentSid, string? ContentVariables, string? StatusCallback);

/// <summary>What became of one send.</summary>
public abstract record TwilioSendResult
{
    /// <summary>Twilio took the message (201); it will not be sent again.</summary>
    public sealed record Accepted(string Sid, string Status) : TwilioSendResult;

    /// <summary>Twilio refused it for a reason that will not pass (invalid number, unsubscribed, outside the WhatsApp window …).</summary>
    public sealed record Refused(int HttpStatus, int Code, string Message) : TwilioSendResult;

    /// <summary>Nothing was accepted; trying again later may work (429, no connection, circuit open).</summary>
    public sealed record TryLater(string Reason, TimeSpan? RetryAfter) : TwilioSendResult;

    /// <summary>
    /// The request may have reached Twilio and Twilio may have made the message (no answer in time, a 5xx, a connection
    /// that broke after sending): never repeat it without first looking it up.
    /// </summary>
    public sealed record InDoubt(string Reason) : TwilioSendResult;
}

/// <summary>
/// Twilio's Messages resource: POST {ApiBaseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json with HTTP Basic auth.
/// Retries, back-off, the circuit breaker and the per-sender pace live in the HttpClient's pipeline (see AddTwilioClient).
/// </summary>
public sealed partial class TwilioRestClient(HttpClient http, IOptions<TwilioOptions> options, ILogger<TwilioRestClient> log)
{
    /// <summary>
    /// Deletes Twilio's copy of a message (body, numbers) after an erasure or at the end of retention. True when it is
    /// gone (deleted now, or not there: 404); false when Twilio should be asked again later (no answer, a limit, or a
    /// message still on its way, which Twilio will not delete yet). DELETE is idempotent: the pipeline may retry it.
    /// </summary>
    public async Task<bool> DeleteMessageAsync(string messageSid, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var message = new HttpRequestMessage(HttpMethod.Delete, $"2010-04-01/Accounts/{settings.AccountSid}/Messages/{Uri.EscapeDataString(messageSid)}.json");
        Authorize(message, settings);
        try
        {
            using var response = await http.SendAsync(message, cancellationToken);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                LogCredentialsRefused((int)response.StatusCode);
            }

            return response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound;
        }
        catch (Exception e) when (e is TimeoutRejectedException or BrokenCircuitException or HttpRequestException)
        {
            return false;
        }
    }

    public async Task<TwilioSendResult> SendAsync(TwilioSendRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var message = new HttpRequestMessage(HttpMethod.Post, $"2010-04-01/Accounts/{settings.AccountSid}/Messages.json")
        {
            Content = new FormUrlEncodedContent(FormFields(request, settings)),
        };
        Authorize(message, settings);
        message.Options.Set(TwilioSendPacing.Sender, request.From);

        try
        {
            using var response = await http.SendAsync(message, cancellationToken);
            return await ReadResultAsync(response, cancellationToken);
        }
        catch (TimeoutRejectedException)
        {
            return new TwilioSendResult.InDoubt("no answer within Twilio:RequestTimeout");
        }
        catch (BrokenCircuitException)
        {
            return new TwilioSendResult.TryLater("circuit open after repeated failures", null);
        }
        catch (HttpRequestException e) when (NeverSent(e))
        {
            return new TwilioSendResult.TryLater("no connection to Twilio", null);
        }
        catch (HttpRequestException e)
        {
            return new TwilioSendResult.InDoubt($"connection broke: {e.HttpRequestError}");
        }
    }

    /// <summary>No connection was made (refused, no such host): the request cannot have reached Twilio.</summary>
    internal static bool NeverSent(HttpRequestException e) =>
        e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError;

    private static void Authorize(HttpRequestMessage message, TwilioOptions settings) =>
        message.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.AccountSid}:{settings.AuthToken}")));

    private static List<KeyValuePair<string, string>> FormFields(TwilioSendRequest request, TwilioOptions settings)
    {
        var fields = new List<KeyValuePair<string, string>> { new("To", request.To) };
        fields.Add(string.IsNullOrWhiteSpace(settings.MessagingServiceSid)
            ? new("From", request.From)
            : new("MessagingServiceSid", settings.MessagingServiceSid));
        if (request.ContentSid is { } contentSid)
        {
            fields.Add(new("ContentSid", contentSid));
            fields.Add(new("ContentVariables", request.ContentVariables ?? "{}"));
        }
        else
        {
            fields.Add(new("Body", request.Body));
        }

        if (request.StatusCallback is { } callback)
        {
            fields.Add(new("StatusCallback", callback));
        }

        return fields;
    }

    private async Task<TwilioSendResult> ReadResultAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            using var json = JsonDocument.Parse(body);
            var sid = json.RootElement.GetProperty("sid").GetString()!;
            var status = json.RootElement.TryGetProperty("status", out var s) ? s.GetString() ?? "queued" : "queued";
            return new TwilioSendResult.Accepted(sid, status);
        }

        var (code, text) = ReadError(body);
        var httpStatus = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return new TwilioSendResult.TryLater($"HTTP {httpStatus}", response.Headers.RetryAfter?.Delta);
        }

        if (httpStatus >= 500)
        {
            // Twilio may have made the message before failing to answer.
            return new TwilioSendResult.InDoubt($"HTTP {httpStatus}");
        }

        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            LogCredentialsRefused(httpStatus);
            return new TwilioSendResult.TryLater($"HTTP {httpStatus}: check Twilio:AccountSid and Twilio:AuthToken", null);
        }

        return new TwilioSendResult.Refused(httpStatus, code, text);
    }

    private static (int Code, string Message) ReadError(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var code = json.RootElement.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : 0;
            var message = json.RootElement.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "";
            return (code, message);
        }
        catch (JsonException)
        {
            return (0, "unreadable error from Twilio");
        }
    }

    [LoggerMessage(LogLevel.Error, "Twilio refused our credentials (HTTP {Status})")]
    private partial void LogCredentialsRefused(int status);
}
