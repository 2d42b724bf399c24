using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Channels.Twilio;

/// <summary>The service on real Kestrel sockets, so a sender can trickle a body the way a hostile one would.</summary>
public sealed class KestrelTwilioAppFactory : TwilioAppFactory
{
    /// <summary>Long by default, so only Kestrel's own minimum data rate (240 bytes a second after 5 s) cuts a trickle off.</summary>
    public string BodyReadTimeout { get; init; } = "00:01:00";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        WithSetting("Inbound:BodyReadTimeout", BodyReadTimeout);
        UseKestrel(0);
        StartServer();
    }

    public Uri ServerAddress => ClientOptions.BaseAddress;
}

/// <summary>Issue 16, intake: slow senders hold nothing that real webhooks need.</summary>
public sealed class SlowBodyTests(KestrelTwilioAppFactory app) : IClassFixture<KestrelTwilioAppFactory>
{
    private static readonly TimeSpan Deadlock = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Forty_connections_trickling_their_bodies_hold_up_no_signed_webhook()
    {
        var phone = Phones.Next();
        await app.AddClientAsync(phone);
        var trickling = new List<TcpClient>();
        for (var i = 0; i < 40; i++)
        {
            trickling.Add(await StartTrickleAsync());
        }

        try
        {
            // With the concurrency limit in front of the body read (the old code), 32 of these held every permit and
            // this webhook waited behind them, unstored, until their bodies came or broke off.
            var response = await app.ReceiveAsync(phone, "Hoi").WaitAsync(Deadlock);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await app.Twilio.WaitForMessageToAsync(phone).WaitAsync(Deadlock);
            Assert.All(trickling, c => Assert.Equal(0, c.Available)); // still held open, unanswered: they held nothing up
        }
        finally
        {
            trickling.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task A_body_that_keeps_Kestrels_minimum_rate_but_not_the_read_timeout_is_answered_408_and_stores_nothing()
    {
        await using var strict = new KestrelTwilioAppFactory { BodyReadTimeout = "00:00:01" };
        await strict.InitializeAsync();
        using var connection = await StartTrickleAsync(strict.ServerAddress);
        var answer = ReadAnswerAsync(connection);

        // 300 bytes a second: above Kestrel's 240, so only Inbound:BodyReadTimeout stops it (a 64 KB body would take 3.5 minutes).
        for (var chunk = 0; chunk < 200 && !answer.IsCompleted; chunk++)
        {
            try
            {
                await connection.GetStream().WriteAsync("x=xxxxxxxxxxxxxxxxxxxxxxxxxxx&"u8.ToArray());
            }
            catch (IOException)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        // Cut off while still sending (the old code read on for as long as the bytes came). Kestrel resets a connection
        // whose body it will not read, which can swallow the 408.
        Assert.Matches("^(HTTP/1.1 408|reset)", await answer.WaitAsync(TimeSpan.FromSeconds(5)));
        await using var scope = strict.NewScope();
        Assert.False(await scope.Db.Messages.AnyAsync());
    }

    /// <summary>A connection that announces a 1 KB form body, sends its first bytes and then nothing more.</summary>
    private Task<TcpClient> StartTrickleAsync() => StartTrickleAsync(app.ServerAddress);

    private static async Task<TcpClient> StartTrickleAsync(Uri server)
    {
        var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var head = $"POST /twilio/messages HTTP/1.1\r\nHost: {server.Authority}\r\n" +
                   "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 65000\r\nX-Twilio-Signature: x\r\n\r\nBody=H";
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head));
        return client;
    }

    private static async Task<string> ReadAnswerAsync(TcpClient connection)
    {
        var buffer = new byte[4096];
        try
        {
            var read = await connection.GetStream().ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read);
        }
        catch (IOException)
        {
            return "reset";
        }
    }
}
