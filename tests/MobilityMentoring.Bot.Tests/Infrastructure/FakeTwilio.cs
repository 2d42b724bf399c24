using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MobilityMentoring.Bot.Tests.Infrastructure;

/// <summary>One POST to Messages.json as the fake received it.</summary>
public sealed record FakeTwilioRequest(string AccountSid, string? Authorization, IReadOnlyDictionary<string, string> Form, int AnsweredWith, string? Sid);

/// <summary>
/// Twilio's Messages API on loopback, answering as Twilio does (201 with a JSON body, or an error JSON), with
/// failures scripted per request. Records every request so tests can count exactly what reached "Twilio".
/// </summary>
public sealed class FakeTwilio : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<(int Status, int Code, string? RetryAfter)> scripted = new();
    private readonly ConcurrentQueue<FakeTwilioRequest> requests = new();
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeTwilio(WebApplication app) => this.app = app;

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<FakeTwilioRequest> Requests => [.. requests];

    /// <summary>Requests Twilio accepted (201): what clients actually received.</summary>
    public IReadOnlyList<FakeTwilioRequest> Accepted => [.. requests.Where(r => r.AnsweredWith == 201)];

    public static async Task<FakeTwilio> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeTwilio(app);
        app.MapPost("/2010-04-01/Accounts/{accountSid}/Messages.json", fake.HandleAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    /// <summary>The next request gets this answer instead of 201.</summary>
    public FakeTwilio FailNext(int status, int code = 0, string? retryAfter = null)
    {
        scripted.Enqueue((status, code, retryAfter));
        return this;
    }

    /// <summary>Waits until at least <paramref name="count"/> messages were accepted; fails the test after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<FakeTwilioRequest>> WaitForAcceptedAsync(int count, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (Accepted.Count < count)
        {
            var next = changed.Task;
            if (Accepted.Count >= count)
            {
                break;
            }

            try
            {
                await next.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Fake Twilio accepted {Accepted.Count} messages, expected {count}.");
            }
        }

        return Accepted;
    }

    /// <summary>Waits until a message to <paramref name="address"/> was accepted and returns the latest one.</summary>
    public async Task<FakeTwilioRequest> WaitForMessageToAsync(string address) => (await WaitForMessagesToAsync(address, 1))[^1];

    /// <summary>Waits until <paramref name="count"/> messages to <paramref name="address"/> were accepted; returns them in arrival order.</summary>
    public async Task<List<FakeTwilioRequest>> WaitForMessagesToAsync(string address, int count)
    {
        while (true)
        {
            // Counted before looking: a message accepted in between makes the wait return at once, instead of waiting for one more.
            var total = Accepted.Count;
            if (Accepted.Count(r => r.Form["To"] == address) >= count)
            {
                break;
            }

            await WaitForAcceptedAsync(total + 1);
        }

        return [.. Accepted.Where(r => r.Form["To"] == address)];
    }

    private async Task HandleAsync(HttpContext context, string accountSid)
    {
        var form = await context.Request.ReadFormAsync();
        var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString());
        var authorization = context.Request.Headers.Authorization.ToString();
        if (scripted.TryDequeue(out var failure))
        {
            context.Response.StatusCode = failure.Status;
            if (failure.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            await context.Response.WriteAsJsonAsync(new { code = failure.Code, message = "scripted failure", status = failure.Status });
            Record(new FakeTwilioRequest(accountSid, authorization, fields, failure.Status, null));
            return;
        }

        var sid = "SM" + Guid.NewGuid().ToString("N");
        context.Response.StatusCode = 201;
        await context.Response.WriteAsJsonAsync(new
        {
            sid, status = "queued", to = fields.GetValueOrDefault("To"), from = fields.GetValueOrDefault("From"),
            body = fields.GetValueOrDefault("Body"), num_segments = "1", error_code = (int?)null, error_message = (string?)null,
        });
        Record(new FakeTwilioRequest(accountSid, authorization, fields, 201, sid));
    }

    private void Record(FakeTwilioRequest request)
    {
        requests.Enqueue(request);
        Interlocked.Exchange(ref changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    public static string BasicAuth(string accountSid, string token) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{accountSid}:{token}"));

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
