using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Channels.Twilio;
using MobilityMentoring.Bot.Coaching;

namespace MobilityMentoring.Bot.Tests.Infrastructure;

/// <summary>The service with Twilio configured against a <see cref="FakeTwilio"/> on loopback.</summary>
public class TwilioAppFactory : BotAppFactory
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "test-auth-token";
    public const string PublicBaseUrl = "https://bot.example.test";
    public const string SmsFrom = "+3197010000001";
    public const string WhatsAppFrom = "whatsapp:+3197010000002";

    private int sidCounter;

    public FakeTwilio Twilio { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Twilio = await FakeTwilio.StartAsync();
        Twilio.Clock = Time;
        WithSetting("Twilio:AccountSid", AccountSid);
        WithSetting("Twilio:AuthToken", AuthToken);
        WithSetting("Twilio:PublicBaseUrl", PublicBaseUrl);
        WithSetting("Twilio:SmsFrom", SmsFrom);
        WithSetting("Twilio:WhatsAppFrom", WhatsAppFrom);
        WithSetting("Twilio:ApiBaseUrl", Twilio.BaseUrl);
        WithSetting("Twilio:RetryBaseDelay", "00:00:00.010");
        WithSetting("Twilio:MessagesPerSecond", "1000");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Twilio is not null)
        {
            await Twilio.DisposeAsync();
        }
    }

    /// <summary>A fresh MessageSid, as Twilio would make one.</summary>
    public string NewMessageSid() =>
        "SM" + Interlocked.Increment(ref sidCounter).ToString("x32", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>POSTs a webhook signed like Twilio signs it (token, public URL, sorted form fields).</summary>
    public Task<HttpResponseMessage> PostSignedAsync(string pathAndQuery, IEnumerable<KeyValuePair<string, string>> fields, string? token = null, string? signedUrl = null)
    {
        var form = fields.ToList();
        var sorted = form.Distinct().OrderBy(f => f.Key, StringComparer.Ordinal).ThenBy(f => f.Value, StringComparer.Ordinal);
        var signature = TwilioSignatureValidator.Compute(signedUrl ?? PublicBaseUrl + pathAndQuery, sorted, token ?? AuthToken);
        var request = new HttpRequestMessage(HttpMethod.Post, pathAndQuery) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(TwilioSignatureFilter.SignatureHeader, signature);
        return CreateClient().SendAsync(request);
    }

    /// <summary>
    /// POSTs a body form-encoded by hand, signed over what the service will read from it, as Twilio signs what it sends:
    /// for bytes that are not UTF-8 (which ASP.NET keeps as their percent-escapes) too.
    /// </summary>
    public async Task<HttpResponseMessage> PostSignedFormAsync(string pathAndQuery, string encodedBody)
    {
        var reader = new Microsoft.AspNetCore.WebUtilities.FormPipeReader(
            System.IO.Pipelines.PipeReader.Create(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(encodedBody))))
        {
            ValueCountLimit = int.MaxValue, KeyLengthLimit = int.MaxValue, ValueLengthLimit = int.MaxValue,
        };
        Dictionary<string, Microsoft.Extensions.Primitives.StringValues> read;
        try
        {
            read = await reader.ReadFormAsync();
        }
        catch (InvalidDataException)
        {
            // A form ASP.NET cannot read (a NUL in a value, say): the service refuses it before it looks at the signature.
            read = [];
        }

        var sorted = read.SelectMany(f => f.Value.Select(v => KeyValuePair.Create(f.Key, v ?? ""))).Distinct()
            .OrderBy(f => f.Key, StringComparer.Ordinal).ThenBy(f => f.Value, StringComparer.Ordinal);
        var request = new HttpRequestMessage(HttpMethod.Post, pathAndQuery)
        {
            Content = new StringContent(encodedBody, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add(TwilioSignatureFilter.SignatureHeader, TwilioSignatureValidator.Compute(PublicBaseUrl + pathAndQuery, sorted, AuthToken));
        return await CreateClient().SendAsync(request);
    }

    /// <summary>An inbound SMS or WhatsApp webhook from <paramref name="from"/>.</summary>
    public Task<HttpResponseMessage> ReceiveAsync(string from, string body, string? messageSid = null, string? token = null)
    {
        var to = from.StartsWith("whatsapp:", StringComparison.Ordinal) ? WhatsAppFrom : SmsFrom;
        return PostSignedAsync("/twilio/messages", MessageFields(messageSid ?? NewMessageSid(), from, to, body), token);
    }

    public static List<KeyValuePair<string, string>> MessageFields(string sid, string from, string to, string body) =>
    [
        new("MessageSid", sid), new("SmsSid", sid), new("AccountSid", AccountSid), new("From", from), new("To", to),
        new("Body", body), new("NumMedia", "0"), new("NumSegments", "1"), new("ApiVersion", "2010-04-01"),
    ];

    /// <summary>
    /// Adds a client with a mentor called Sanne. An established client has given consent and has a goal with an active
    /// step (so a plain message gets the short fallback); a newcomer has neither and is onboarded by their first message.
    /// </summary>
    public async Task<Client> AddClientAsync(string phone, Channel channel = Channel.Sms, string language = "nl", bool newcomer = false)
    {
        await using var scope = NewScope();
        var now = Time.GetUtcNow();
        var mentor = new MobilityMentoring.Bot.Accounts.BotUser { UserName = $"mentor-{Guid.NewGuid():N}@test", Email = $"mentor-{Guid.NewGuid():N}@test", FirstName = "Sanne" };
        scope.Db.Users.Add(mentor);
        var programme = await scope.Db.Programmes.FirstOrDefaultAsync() ?? new Programme { Name = "Test", CreatedAt = now };
        var client = new Client
        {
            Programme = programme, Mentor = mentor, FirstName = "Fatima", Phone = PhoneNumber.Parse(phone),
            Channel = channel, Language = language, ConsentAt = newcomer ? null : now, ConsentVersion = newcomer ? null : "1", CreatedAt = now,
        };
        if (!newcomer)
        {
            var goal = new Goal { Pillar = BridgePillar.FinancialManagement, Title = "Mijn post op orde", CreatedAt = now };
            goal.Steps.Add(new Step
            {
                Text = "de brief van de gemeente openen", Status = StepStatus.Active, CreatedAt = now,
                DueDate = DateOnly.FromDateTime(now.UtcDateTime).AddDays(3), DuePart = DayPart.Morning,
            });
            client.Goals.Add(goal);
        }

        scope.Db.Clients.Add(client);
        await scope.Db.SaveChangesAsync();
        return client;
    }
}
