using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Channels.Inbound;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Channels.Twilio;

/// <summary>What one webhook got back. <paramref name="Sid"/> is the one MessageSid it carried, if it carried one.</summary>
internal sealed record HookResult(int Index, FuzzHook Hook, int Status, string? Sid, string Detail)
{
    public override string ToString() => $"[{Index}] {Hook} → {Status}" + (Detail.Length == 0 ? "" : $" ({Detail})");
}

/// <summary>Where a run starts in the shared app: rows and fake-Twilio requests after these marks are the run's own.</summary>
internal sealed record RunMarks(long MessageId, int TwilioRequests);

/// <summary>
/// Runs one <see cref="FuzzCase"/> against the shared app: message hooks in lanes (one sender's hooks in order, senders
/// side by side), then the status callbacks, then the sweeper until nothing is left to retry.
/// </summary>
internal sealed class WebhookFuzzRunner(TwilioAppFactory app)
{
    private const int Parallelism = 8;
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(20);

    public async Task<(RunMarks Marks, List<HookResult> Results, List<string> Problems)> RunAsync(FuzzCase fuzzCase)
    {
        var marks = new RunMarks(await LastMessageIdAsync(), app.Twilio.Requests.Count);
        var people = await FuzzPopulation.CreateAsync(app);
        var results = new ConcurrentBag<HookResult>();
        var problems = new List<string>();
        var sids = new ConcurrentDictionary<int, string>();

        var indexed = fuzzCase.Hooks.Select((hook, index) => (Hook: hook, Index: index)).ToList();
        var lanes = indexed.Where(h => h.Hook is MessageHook)
            .GroupBy(h => (LaneOf(((MessageHook)h.Hook).From), ((MessageHook)h.Hook).Lane))
            .ToList();
        await Parallel.ForEachAsync(lanes, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (lane, _) =>
        {
            foreach (var (hook, index) in lane)
            {
                results.Add(await PostMessageAsync(index, (MessageHook)hook, people, sids));
            }
        });

        problems.AddRange(await DrainOutboxAsync(marks));
        var statusHooks = indexed.Where(h => h.Hook is StatusHook).ToList();
        await Parallel.ForEachAsync(statusHooks.GroupBy(h => h.Index % 3), new ParallelOptions { MaxDegreeOfParallelism = 3 }, async (lane, _) =>
        {
            foreach (var (hook, index) in lane)
            {
                results.Add(await PostStatusAsync(index, (StatusHook)hook, marks));
            }
        });

        problems.AddRange(await SettleAsync(marks));
        return (marks, [.. results.OrderBy(r => r.Index)], problems);
    }

    private static string LaneOf(FuzzSender sender) => sender.Kind == SenderKind.Raw ? "raw " + sender.Raw : $"{sender.Kind}#{sender.Index}";

    private async Task<HookResult> PostMessageAsync(int index, MessageHook hook, FuzzPopulation people, ConcurrentDictionary<int, string> sids)
    {
        var fields = WebhookFuzzWire.MessageFields(hook, sids.GetOrAdd(hook.Sid, _ => app.NewMessageSid()), people.From(hook.From));
        var padTo = hook.Edits.OfType<PadTo>().Select(p => (int?)p.Bytes).LastOrDefault();
        return await PostAsync(index, hook, "/twilio/messages", WebhookFuzzWire.Encode(fields, padTo), WebhookFuzzWire.SidOf(fields));
    }

    private async Task<HookResult> PostStatusAsync(int index, StatusHook hook, RunMarks marks)
    {
        string sid;
        long? own = null;
        await using (var scope = app.NewScope())
        {
            var direction = hook.Target == StatusTarget.Inbound ? MessageDirection.Inbound : MessageDirection.Outbound;
            var rows = hook.Target == StatusTarget.Unknown
                ? []
                : await scope.Db.Messages.Where(m => m.Id > marks.MessageId && m.Direction == direction)
                    .OrderBy(m => m.Id).Select(m => new { m.Id, m.ProviderSid }).ToListAsync();
            var row = rows.Count > 0 ? rows[hook.N % rows.Count] : null;
            sid = row?.ProviderSid ?? app.NewMessageSid();
            own = hook.Target == StatusTarget.Reply ? row?.Id : null;
        }

        var outbox = hook.Outbox switch
        {
            OutboxParam.Own when own is { } id => id.ToString(CultureInfo.InvariantCulture),
            OutboxParam.OtherRow => (marks.MessageId + 1 + hook.N).ToString(CultureInfo.InvariantCulture),
            OutboxParam.NotANumber => "abc",
            OutboxParam.Empty => "",
            _ => null,
        };
        List<KeyValuePair<string, string>> fields =
        [
            new("MessageSid", sid), new("SmsSid", sid), new("AccountSid", TwilioAppFactory.AccountSid), new("MessageStatus", hook.Status),
            new("To", Phones.Next()), new("From", TwilioAppFactory.SmsFrom), new("ApiVersion", "2010-04-01"),
        ];
        if (hook.ErrorCode is { } code)
        {
            fields.Add(new("ErrorCode", code));
        }

        return await PostAsync(index, hook, "/twilio/status" + (outbox is null ? "" : "?outbox=" + outbox), WebhookFuzzWire.Encode(fields), sid);
    }

    private async Task<HookResult> PostAsync(int index, FuzzHook hook, string path, string body, string? sid)
    {
        try
        {
            using var response = await app.PostSignedFormAsync(path, body);
            var status = (int)response.StatusCode;
            var detail = status is 200 or 204 ? "" : Shorten(await response.Content.ReadAsStringAsync());
            return new HookResult(index, hook, status, sid, detail);
        }
        catch (Exception e)
        {
            // The test server hands an unhandled exception to the caller; a real server would have answered 500.
            var where = e.StackTrace?.Split('\n').FirstOrDefault()?.Trim() ?? "";
            return new HookResult(index, hook, 599, sid, "threw " + Shorten($"{e.GetType().Name}: {e.Message} {where}"));
        }
    }

    /// <summary>
    /// Retries what is still Received, as the recurring sweeper would, until every message is processed or parked. The
    /// clock moves only once the outbox is empty, so no send is ever in flight when "two minutes" pass in one step and
    /// the sweeper takes it for a send in doubt.
    /// </summary>
    private async Task<List<string>> SettleAsync(RunMarks marks)
    {
        var problems = new List<string>();
        for (var round = 0; round <= MessageSweeper.MaxTurnAttempts + 2; round++)
        {
            problems.AddRange(await DrainOutboxAsync(marks));
            await using var scope = app.NewScope();
            if (!await scope.Db.Messages.AnyAsync(m => m.Id > marks.MessageId && m.Direction == MessageDirection.Inbound && m.Status == MessageStatus.Received))
            {
                break;
            }

            app.Time.Advance(MessageSweeper.StuckAfter + TimeSpan.FromSeconds(1));
            await scope.Services.GetRequiredService<MessageSweeper>().SweepAsync(MessageSweeper.StuckAfter, CancellationToken.None);
        }

        problems.AddRange(await DrainOutboxAsync(marks));
        return problems;
    }

    private async Task<List<string>> DrainOutboxAsync(RunMarks marks)
    {
        try
        {
            await Eventually.GetAsync(
                async () =>
                {
                    await using var scope = app.NewScope();
                    return (int?)await scope.Db.Messages.CountAsync(m => m.Id > marks.MessageId && m.Direction == MessageDirection.Outbound
                                                                         && (m.Status == MessageStatus.Pending || m.Status == MessageStatus.Dispatching));
                },
                waiting => waiting == 0,
                "the outbox to empty",
                DrainTimeout);
            return [];
        }
        catch (TimeoutException)
        {
            await using var scope = app.NewScope();
            var stuck = await scope.Db.Messages.Where(m => m.Id > marks.MessageId && m.Direction == MessageDirection.Outbound
                                                           && (m.Status == MessageStatus.Pending || m.Status == MessageStatus.Dispatching))
                .Select(m => new { m.Id, m.Status, m.Attempts, m.NextAttemptAt }).ToListAsync();
            return [$"outbox rows never left after {DrainTimeout.TotalSeconds} s: " + string.Join(", ", stuck.Select(s => $"{s.Id} {s.Status} attempts {s.Attempts} next {s.NextAttemptAt:O}"))];
        }
    }

    private async Task<long> LastMessageIdAsync()
    {
        await using var scope = app.NewScope();
        return await scope.Db.Messages.MaxAsync(m => (long?)m.Id) ?? 0;
    }

    private static string Shorten(string text) => text.Length <= 240 ? text : text[..240] + "…";
}
