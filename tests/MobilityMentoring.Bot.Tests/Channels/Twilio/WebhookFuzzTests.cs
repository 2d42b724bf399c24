using System.Diagnostics;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Channels.Twilio;

/// <summary>
/// Thousands of generated, correctly signed webhooks (any params, repeats, huge and odd Unicode, known clients,
/// newcomers, strangers and garbage senders, status callbacks) through one app: never a 5xx, never a reply twice, and
/// every message answered 200 ends processed or parked. See <see cref="WebhookFuzzCheck"/> for how replies are related
/// to the messages they answer.
/// </summary>
/// <remarks>
/// Replay a run with WEBHOOK_FUZZ_SEED=seed,gamma (printed at the start of every run and in a failure).
/// WEBHOOK_FUZZ_CASES sets the number of cases (default 25, of ~60-130 webhooks each); WEBHOOK_FUZZ_SHRINK_SECONDS the
/// shrinker's budget once a case fails (default 40). WEBHOOK_FUZZ_WITHOUT=inbound-status,long-address leaves out inputs
/// that fail for a known cause (a status callback naming an inbound message; a From or To longer than the 64-character
/// column), to look past them; a replay is only the same case with the same WEBHOOK_FUZZ_WITHOUT. The parallel lanes,
/// the dispatcher and Hangfire's own recurring jobs are not replayed: a race may need a few runs to show again.
/// </remarks>
public sealed class WebhookFuzzTests(TwilioAppFactory app, ITestOutputHelper output) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public void Any_signed_webhook_gets_no_5xx_no_reply_twice_and_ends_processed_or_parked()
    {
        // Every read of the clock is a distinct microsecond: that is what ties a reply to its turn (WebhookFuzzCheck).
        app.Time.AutoAdvanceAmount = TimeSpan.FromMicroseconds(1);
        var (seed, gamma) = Seed();
        output.WriteLine($"Replay with WEBHOOK_FUZZ_SEED={seed},{gamma}");
        var cases = Setting("WEBHOOK_FUZZ_CASES", 25);
        var shrinkBudget = TimeSpan.FromSeconds(Setting("WEBHOOK_FUZZ_SHRINK_SECONDS", 40));

        var runner = new WebhookFuzzRunner(app);
        var check = new WebhookFuzzCheck(app);
        var clock = Stopwatch.StartNew();
        var (runs, webhooks) = (0, 0);
        TimeSpan? shrinkUntil = null;
        bool WithinBudget() => shrinkUntil is not { } until || clock.Elapsed < until;

        var property = Prop.ForAll(Arb.From(WebhookFuzzGen.Case, c => c.Shrink(WithinBudget)), fuzzCase =>
        {
            var started = clock.Elapsed;
            var (results, violations) = Task.Run(async () =>
            {
                var (marks, results, problems) = await runner.RunAsync(fuzzCase);
                return (results, (List<string>)[.. problems, .. await check.ViolationsAsync(marks, results)]);
            }).GetAwaiter().GetResult();
            runs++;
            webhooks += results.Count;
            output.WriteLine($"run {runs}: {results.Count} webhooks in {(clock.Elapsed - started).TotalSeconds:F1} s, "
                             + string.Join(", ", results.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()}×{g.Key}"))
                             + (violations.Count == 0 ? "" : $", {violations.Count} violations"));
            if (violations.Count > 0)
            {
                // The shrinker may wander to another failure: every failing run's findings stay in the output.
                violations.Take(10).ToList().ForEach(v => output.WriteLine("  " + v));
                shrinkUntil ??= clock.Elapsed + shrinkBudget;
                throw new WebhookFuzzFailedException(violations);
            }
        });

        try
        {
            Check.One(Config.QuickThrowOnFailure.WithMaxTest(cases).WithReplay(seed, gamma), property);
        }
        finally
        {
            output.WriteLine($"{runs} runs, {webhooks} webhooks, {clock.Elapsed.TotalSeconds:F1} s");
        }
    }

    private static (ulong Seed, ulong Gamma) Seed()
    {
        if (Environment.GetEnvironmentVariable("WEBHOOK_FUZZ_SEED") is { Length: > 0 } given)
        {
            var parts = given.Trim('(', ')', ' ').Split(',');
            return (ulong.Parse(parts[0], CultureInfo.InvariantCulture), ulong.Parse(parts[1], CultureInfo.InvariantCulture));
        }

        // FsCheck's generator wants an odd gamma.
        return ((ulong)Random.Shared.NextInt64(), (ulong)Random.Shared.NextInt64() | 1);
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var value) ? value : fallback;
}

/// <summary>What a failing case broke, one line each (FsCheck prints it under the shrunk case).</summary>
public sealed class WebhookFuzzFailedException(IReadOnlyList<string> violations)
    : Exception(string.Join(Environment.NewLine, violations.Take(30).Prepend($"{violations.Count} violations:")));
