using MobilityMentoring.Bot.Channels.Twilio;

namespace MobilityMentoring.Bot.Benchmarks;

/// <summary>Inbound webhooks as Twilio sends them (form fields, X-Twilio-Signature), and the service's Twilio settings to match.</summary>
public static class SignedWebhook
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "bench-token";
    public const string Sender = "+3197010000001";

    /// <summary>A message webhook to <paramref name="url"/>, signed for <paramref name="signedUrl"/> (the public URL Twilio knows).</summary>
    public static HttpRequestMessage Create(string url, string signedUrl, string from, string messageSid, string body = "Hoi")
    {
        KeyValuePair<string, string>[] form =
        [
            new("AccountSid", AccountSid), new("ApiVersion", "2010-04-01"), new("Body", body), new("From", from),
            new("MessageSid", messageSid), new("NumMedia", "0"), new("SmsSid", messageSid), new("To", Sender),
        ];
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(TwilioSignatureFilter.SignatureHeader, TwilioSignatureValidator.Compute(signedUrl, form.OrderBy(f => f.Key, StringComparer.Ordinal), AuthToken));
        return request;
    }

    /// <summary>The service's environment: production, PostgreSQL, Twilio at <paramref name="twilioApiUrl"/>, warnings only.</summary>
    public static Dictionary<string, string> ServiceEnvironment(string connectionString, string twilioApiUrl, string publicBaseUrl) => new()
    {
        ["Twilio__PublicBaseUrl"] = publicBaseUrl,
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        // Loopback: no TLS. Otherwise the connection string as an operator writes it.
        ["ConnectionStrings__Postgres"] = connectionString + ";SSL Mode=Disable",
        ["Twilio__AccountSid"] = AccountSid,
        ["Twilio__AuthToken"] = AuthToken,
        ["Twilio__SmsFrom"] = Sender,
        ["Twilio__ApiBaseUrl"] = twilioApiUrl,
        ["Twilio__MessagesPerSecond"] = "1000",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Simulator__Enabled"] = "false",
    };
}
