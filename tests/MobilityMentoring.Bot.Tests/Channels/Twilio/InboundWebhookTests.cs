using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Channels.Twilio;

public sealed class InboundWebhookTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public async Task Signed_message_is_answered_with_empty_TwiML_and_the_reply_goes_out_through_the_REST_API()
    {
        var phone = Phones.Next();
        await app.AddClientAsync(phone);

        var response = await app.ReceiveAsync(phone, "Hoi");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""<?xml version="1.0" encoding="UTF-8"?><Response/>""", await response.Content.ReadAsStringAsync());

        var sent = await app.Twilio.WaitForMessageToAsync(phone);
        Assert.Equal(TwilioAppFactory.SmsFrom, sent.Form["From"]);
        Assert.Contains("Sanne", sent.Form["Body"], StringComparison.Ordinal);
        Assert.Equal(FakeTwilio.BasicAuth(TwilioAppFactory.AccountSid, TwilioAppFactory.AuthToken), sent.Authorization);
        Assert.StartsWith(TwilioAppFactory.PublicBaseUrl + "/twilio/status?outbox=", sent.Form["StatusCallback"], StringComparison.Ordinal);

        await using var scope = app.NewScope();
        var inbound = await scope.Db.Messages.SingleAsync(m => m.From == phone);
        Assert.Equal(MessageStatus.Processed, inbound.Status);

        // The dispatcher records the SID just after Twilio answers.
        var reply = await Eventually.GetAsync(
            async () =>
            {
                await using var probe = app.NewScope();
                return await probe.Db.Messages.SingleOrDefaultAsync(m => m.To == phone);
            },
            m => m.ProviderSid is not null,
            "the reply's SID");
        Assert.Equal(sent.Sid, reply.ProviderSid);
        Assert.Equal(MessageStatus.Queued, reply.Status);
    }

    [Fact]
    public async Task The_same_webhook_delivered_twice_is_stored_once_and_answered_once()
    {
        var phone = Phones.Next();
        await app.AddClientAsync(phone);
        var sid = app.NewMessageSid();

        var first = await app.ReceiveAsync(phone, "Gedaan", sid);
        var second = await app.ReceiveAsync(phone, "Gedaan", sid);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await app.Twilio.WaitForMessageToAsync(phone);
        await using var scope = app.NewScope();
        Assert.Equal(1, await scope.Db.Messages.CountAsync(m => m.ProviderSid == sid));
        Assert.Equal(1, await scope.Db.Messages.CountAsync(m => m.To == phone));
        Assert.Single(app.Twilio.Accepted, r => r.Form["To"] == phone);
    }

    [Theory]
    [InlineData("another-token", null, null)]
    [InlineData(null, "https://evil.example.test/twilio/messages", null)]
    [InlineData(null, null, "Body")]
    public async Task A_request_signed_with_another_token_url_or_param_is_refused_and_leaves_no_row(
        string? token, string? signedUrl, string? tamperedField)
    {
        var sid = app.NewMessageSid();
        var fields = TwilioAppFactory.MessageFields(sid, Phones.Next(), TwilioAppFactory.SmsFrom, "Hoi");
        var signedFields = tamperedField is null ? fields : fields.Select(f => f.Key == tamperedField ? KeyValuePair.Create(f.Key, "STOP") : f).ToList();

        var response = await PostWithSignatureOfAsync(fields, signedFields, token, signedUrl);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await using var scope = app.NewScope();
        Assert.False(await scope.Db.Messages.AnyAsync(m => m.ProviderSid == sid));
    }

    [Fact]
    public async Task A_request_without_signature_is_refused_and_leaves_no_row()
    {
        var sid = app.NewMessageSid();
        var content = new FormUrlEncodedContent(TwilioAppFactory.MessageFields(sid, Phones.Next(), TwilioAppFactory.SmsFrom, "Hoi"));

        var response = await app.CreateClient().PostAsync("/twilio/messages", content);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await using var scope = app.NewScope();
        Assert.False(await scope.Db.Messages.AnyAsync(m => m.ProviderSid == sid));
    }

    [Fact]
    public async Task Json_instead_of_a_form_is_415()
    {
        var response = await app.CreateClient().PostAsync("/twilio/messages", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task A_one_megabyte_body_is_413()
    {
        var huge = new FormUrlEncodedContent([new("Body", new string('a', 1024 * 1024))]);
        var response = await app.CreateClient().PostAsync("/twilio/messages", huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("From", "", "From")]
    [InlineData("From", "hallo", "From")]
    [InlineData("MessageSid", "12", "MessageSid")]
    [InlineData("Body", null, "Body")]
    public async Task A_signed_but_malformed_message_is_400_naming_the_field(string field, string? value, string named)
    {
        var sid = app.NewMessageSid();
        var fields = TwilioAppFactory.MessageFields(sid, Phones.Next(), TwilioAppFactory.SmsFrom, "Hoi")
            .Select(f => f.Key == field ? KeyValuePair.Create(f.Key, value ?? new string('x', 1601)) : f).ToList();

        var response = await app.PostSignedAsync("/twilio/messages", fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_UTF8_in_the_body_is_stored_and_processed_not_a_500()
    {
        var phone = Phones.Next();
        await app.AddClientAsync(phone);
        var sid = app.NewMessageSid();
        var fields = TwilioAppFactory.MessageFields(sid, phone, TwilioAppFactory.SmsFrom, "PLACEHOLDER");
        var body = string.Join('&', fields.Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}")).Replace("PLACEHOLDER", "%C3%28%FF", StringComparison.Ordinal);
        // Sign what the server will read from these bytes, as Twilio signs what it sends.
        var decoded = new Microsoft.AspNetCore.WebUtilities.FormReader(body).ReadForm().Select(f => KeyValuePair.Create(f.Key, f.Value.ToString()));
        var request = new HttpRequestMessage(HttpMethod.Post, "/twilio/messages")
        {
            Content = new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("X-Twilio-Signature", MobilityMentoring.Bot.Channels.Twilio.TwilioSignatureValidator.Compute(
            TwilioAppFactory.PublicBaseUrl + "/twilio/messages",
            decoded.OrderBy(f => f.Key, StringComparer.Ordinal),
            TwilioAppFactory.AuthToken));

        var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var scope = app.NewScope();
        var stored = await scope.Db.Messages.SingleAsync(m => m.ProviderSid == sid);
        Assert.Equal(MessageStatus.Processed, stored.Status);
        Assert.Equal("%C3(%FF", stored.Body); // ASP.NET keeps percent-escapes it cannot decode as UTF-8
    }

    [Fact]
    public async Task An_unknown_number_gets_one_polite_answer_a_day()
    {
        var stranger = Phones.Next();

        await app.ReceiveAsync(stranger, "Hallo?");
        await app.ReceiveAsync(stranger, "Hallo??");

        var reply = await app.Twilio.WaitForMessageToAsync(stranger);
        Assert.Contains("kennen we nog niet", reply.Form["Body"], StringComparison.Ordinal);
        await using var scope = app.NewScope();
        Assert.Equal(2, await scope.Db.Messages.CountAsync(m => m.From == stranger && m.Status == MessageStatus.Processed));
        Assert.Equal(1, await scope.Db.Messages.CountAsync(m => m.To == stranger));
    }

    [Fact]
    public async Task An_unknown_number_writing_English_is_answered_in_English()
    {
        var stranger = Phones.Next();

        await app.ReceiveAsync(stranger, "Hello, who is this? I got a text from this number");

        var reply = await app.Twilio.WaitForMessageToAsync(stranger);
        Assert.StartsWith("We do not know this number yet.", reply.Form["Body"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatsApp_messages_are_answered_on_WhatsApp()
    {
        var phone = Phones.Next();
        await app.AddClientAsync(phone, Channel.WhatsApp);

        await app.ReceiveAsync("whatsapp:" + phone, "hoi");

        var reply = await app.Twilio.WaitForMessageToAsync("whatsapp:" + phone);
        Assert.Equal(TwilioAppFactory.WhatsAppFrom, reply.Form["From"]);
    }

    private Task<HttpResponseMessage> PostWithSignatureOfAsync(
        List<KeyValuePair<string, string>> sent, List<KeyValuePair<string, string>> signed, string? token, string? signedUrl)
    {
        var signature = MobilityMentoring.Bot.Channels.Twilio.TwilioSignatureValidator.Compute(
            signedUrl ?? TwilioAppFactory.PublicBaseUrl + "/twilio/messages",
            signed.OrderBy(f => f.Key, StringComparer.Ordinal),
            token ?? TwilioAppFactory.AuthToken);
        var request = new HttpRequestMessage(HttpMethod.Post, "/twilio/messages") { Content = new FormUrlEncodedContent(sent) };
        request.Headers.Add("X-Twilio-Signature", signature);
        return app.CreateClient().SendAsync(request);
    }
}
