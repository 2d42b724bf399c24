using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MobilityMentoring.Bot.Tests.Infrastructure;

/// <summary>
/// One POST to Messages.json as the fake received it. <paramref name="Sid"/> is set when the fake made the message
/// (whatever it then answered); <paramref name="Arrived"/> is real time since the fake started, for pacing checks.
/// </summary>
public sealed record FakeTwilioRequest(
    string AccountSid, string? Authorization, IReadOnlyDictionary<string, string> Form, int AnsweredWith, string? Sid, TimeSpan Arrived);

/// <summary>A message the fake made, as its Messages list shows it.</summary>
public sealed record FakeTwilioMessage(string Sid, string To, string From, string Body, string Status, DateTimeOffset DateCreated);

/// <summary>
/// Twilio's Messages API on loopback, answering as Twilio does (201 with a JSON body, or an error JSON), with
/// failures scripted per request: refuse, make the message and then fail (502, a dropped connection), answer late.
/// Lists what it made (GET Messages.json?To=…&amp;From=…&amp;PageSize=…&amp;Page=…, newest first, with next_page_uri).
/// Deletes a message's copy (DELETE Messages/{sid}.json, 204). Records every request so tests can count exactly what
/// reached "Twilio".
/// </summary>
public sealed class FakeTwilio : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<Script> scripted = new();
    private readonly ConcurrentQueue<int> scriptedLookups = new();
    private readonly ConcurrentQueue<FakeTwilioRequest> requests = new();
    private readonly ConcurrentQueue<FakeTwilioMessage> made = new();
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, string>> lookups = new();
    private readonly ConcurrentQueue<string> deletes = new();
    private readonly ConcurrentQueue<int> scriptedDeletes = new();
    private readonly long started = Stopwatch.GetTimestamp();
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeTwilio(WebApplication app) => this.app = app;

    /// <summary>What one scripted request gets: its answer, whether the message is made first, and how late it comes.</summary>
    private sealed record Script(int Status, int Code, string? RetryAfter, bool Create, TimeSpan Delay, bool Drop);

    public string BaseUrl { get; private set; } = "";

    /// <summary>Twilio's clock for date_created; the factory sets it to the app's clock, so both agree as real ones would.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>When set, every create not otherwise scripted is made at once and answered only after this long.</summary>
    public TimeSpan? AnswerCreatesAfter { get; set; }

    /// <summary>Create requests (POST), in arrival order.</summary>
    public IReadOnlyList<FakeTwilioRequest> Requests => [.. requests];

    /// <summary>Requests that made a message, whatever the answer: what clients actually received.</summary>
    public IReadOnlyList<FakeTwilioRequest> Accepted => [.. requests.Where(r => r.Sid is not null)];

    /// <summary>Look-ups (GET of the Messages list), by their query parameters.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Lookups => [.. lookups];

    /// <summary>Message SIDs a DELETE asked for (answered 204, or as scripted), in arrival order.</summary>
    public IReadOnlyList<string> Deletes => [.. deletes];

    /// <summary>The next DELETE gets this status instead of 204 (Twilio answers 409 for a message still on its way).</summary>
    public FakeTwilio FailNextDelete(int status)
    {
        scriptedDeletes.Enqueue(status);
        return this;
    }

    public static async Task<FakeTwilio> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeTwilio(app);
        app.MapPost("/2010-04-01/Accounts/{accountSid}/Messages.json", fake.HandleCreateAsync);
        app.MapGet("/2010-04-01/Accounts/{accountSid}/Messages.json", fake.HandleListAsync);
        app.MapDelete("/2010-04-01/Accounts/{accountSid}/Messages/{sid}.json", (string accountSid, string sid) =>
        {
            fake.deletes.Enqueue(sid);
            return fake.scriptedDeletes.TryDequeue(out var status) ? Results.StatusCode(status) : Results.NoContent();
        });
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    /// <summary>The next request gets this answer instead of 201, and no message is made.</summary>
    public FakeTwilio FailNext(int status, int code = 0, string? retryAfter = null) =>
        Enqueue(new Script(status, code, retryAfter, Create: false, TimeSpan.Zero, Drop: false));

    /// <summary>The next request makes the message, then answers <paramref name="status"/> (Twilio failing after the fact).</summary>
    public FakeTwilio CreateThenFailNext(int status = 502) =>
        Enqueue(new Script(status, 0, null, Create: true, TimeSpan.Zero, Drop: false));

    /// <summary>The next request makes the message, then the connection drops without an answer.</summary>
    public FakeTwilio CreateThenDropNext() => Enqueue(new Script(0, 0, null, Create: true, TimeSpan.Zero, Drop: true));

    /// <summary>The next request is answered only after <paramref name="delay"/>; the message is made at once unless told not to.</summary>
    public FakeTwilio AnswerNextAfter(TimeSpan delay, bool create = true) =>
        Enqueue(new Script(create ? 201 : 502, 0, null, create, delay, Drop: false));

    /// <summary>The next look-up gets this error status instead of the list.</summary>
    public FakeTwilio FailNextLookup(int status)
    {
        scriptedLookups.Enqueue(status);
        return this;
    }

    /// <summary>Waits until at least <paramref name="count"/> messages were made; fails the test after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<FakeTwilioRequest>> WaitForAcceptedAsync(int count, TimeSpan? timeout = null)
    {
        await WaitForRequestsAsync(r => r.Sid is not null, count, "accepted", timeout);
        return Accepted;
    }

    /// <summary>Waits until <paramref name="count"/> create requests to <paramref name="address"/> arrived, whatever they were answered.</summary>
    public Task<IReadOnlyList<FakeTwilioRequest>> WaitForRequestsToAsync(string address, int count) =>
        WaitForRequestsAsync(r => r.Form["To"] == address, count, $"requests to {address}", null);

    private async Task<IReadOnlyList<FakeTwilioRequest>> WaitForRequestsAsync(
        Func<FakeTwilioRequest, bool> which, int count, string what, TimeSpan? timeout)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            // Taken before counting: a request recorded in between completes it, so the wait cannot miss one.
            var next = changed.Task;
            if (requests.Count(which) >= count)
            {
                return [.. requests.Where(which)];
            }

            try
            {
                await next.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Fake Twilio has {requests.Count(which)} {what}, expected {count}.");
            }
        }
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

    private FakeTwilio Enqueue(Script script)
    {
        scripted.Enqueue(script);
        return this;
    }

    private async Task HandleCreateAsync(HttpContext context, string accountSid)
    {
        var arrived = Stopwatch.GetElapsedTime(started);
        var form = await context.Request.ReadFormAsync();
        var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString());
        var authorization = context.Request.Headers.Authorization.ToString();
        var script = scripted.TryDequeue(out var s) ? s
            : AnswerCreatesAfter is { } late ? new Script(201, 0, null, Create: true, late, Drop: false)
            : new Script(201, 0, null, Create: true, TimeSpan.Zero, Drop: false);

        string? sid = null;
        if (script.Create)
        {
            sid = "SM" + Guid.NewGuid().ToString("N");
            made.Enqueue(new FakeTwilioMessage(sid, fields.GetValueOrDefault("To", ""), fields.GetValueOrDefault("From", ""),
                fields.GetValueOrDefault("Body", ""), "queued", Clock.GetUtcNow()));
        }

        Record(new FakeTwilioRequest(accountSid, authorization, fields, script.Drop ? 0 : script.Status, sid, arrived));
        if (script.Delay > TimeSpan.Zero)
        {
            // Real time: the service's own timeout (Twilio:RequestTimeout) is what gives up, as it would on real Twilio.
            await Task.Delay(script.Delay, CancellationToken.None);
        }

        if (script.Drop)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = script.Status;
        if (script.Status != 201)
        {
            if (script.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            await context.Response.WriteAsJsonAsync(new { code = script.Code, message = "scripted failure", status = script.Status });
            return;
        }

        await context.Response.WriteAsJsonAsync(new
        {
            sid, status = "queued", to = fields.GetValueOrDefault("To"), from = fields.GetValueOrDefault("From"),
            body = fields.GetValueOrDefault("Body"), num_segments = "1", error_code = (int?)null, error_message = (string?)null,
        });
    }

    private async Task HandleListAsync(HttpContext context, string accountSid)
    {
        var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        lookups.Enqueue(query);
        if (scriptedLookups.TryDequeue(out var failure))
        {
            context.Response.StatusCode = failure;
            await context.Response.WriteAsJsonAsync(new { code = 20500, message = "scripted failure", status = failure });
            return;
        }

        var pageSize = query.TryGetValue("PageSize", out var size) ? int.Parse(size, CultureInfo.InvariantCulture) : 50;
        var page = query.TryGetValue("Page", out var p) ? int.Parse(p, CultureInfo.InvariantCulture) : 0;
        var matching = made.Reverse()
            .Where(m => (!query.TryGetValue("To", out var to) || m.To == to) && (!query.TryGetValue("From", out var from) || m.From == from))
            .ToList();
        var onPage = matching.Skip(page * pageSize).Take(pageSize).ToList();
        string? nextPage = null;
        if (matching.Count > (page + 1) * pageSize)
        {
            var rest = query.Where(q => q.Key is not ("Page" or "PageToken")).Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value)}");
            nextPage = $"/2010-04-01/Accounts/{accountSid}/Messages.json?{string.Join('&', rest)}&Page={page + 1}&PageToken=PA{page + 1}";
        }

        await context.Response.WriteAsJsonAsync(new
        {
            messages = onPage.Select(m => new
            {
                sid = m.Sid, to = m.To, from = m.From, body = m.Body, status = m.Status, direction = "outbound-api",
                date_created = m.DateCreated.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture),
                date_sent = (string?)null,
            }),
            page, page_size = pageSize, next_page_uri = nextPage,
        });
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
