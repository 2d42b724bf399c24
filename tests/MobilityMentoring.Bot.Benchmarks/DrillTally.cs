using System.Diagnostics;
using Npgsql;

namespace MobilityMentoring.Bot.Benchmarks;

/// <summary>
/// Counts a drill. Every webhook came from a client of its own, so the replies Twilio accepted for that client are the
/// replies to that webhook: one per webhook answered 200 (else lost), never two (else doubled). A webhook that was not
/// answered may still have been stored and so have one reply; that is no loss and no double. The messages table says
/// whether each stored webhook was processed.
/// </summary>
public static class DrillTally
{
    public const string CountingRule =
        "counting: each webhook comes from a client of its own, so the replies Twilio accepted for that client are the replies to "
        + "that webhook. Answered 200 (empty TwiML) must have exactly one reply and its row Processed, else it is lost; "
        + "no webhook may have two replies, else doubled. A webhook not answered may have one reply (stored before the fault) "
        + "or none. HTTP errors fail the drill: Twilio does not retry an inbound message.";

    /// <summary>
    /// Waits until nothing is left to do: no inbound message still Received, no reply Pending or Dispatching, and no
    /// new request at Twilio for 3 s. The sweeper (every minute, turns older than 30 s, sends in doubt after
    /// Outbox:InDoubtAfter) and start-up recovery do the rest; this only watches.
    /// </summary>
    public static async Task WaitUntilSettledAsync(string connectionString, CountingTwilio twilio, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var lastCount = twilio.Accepted;
        var lastChange = clock.Elapsed;
        var open = (Inbound: -1L, Outbound: -1L);
        while (clock.Elapsed < timeout)
        {
            await Task.Delay(1000);
            if (twilio.Accepted != lastCount)
            {
                (lastCount, lastChange) = (twilio.Accepted, clock.Elapsed);
            }

            try
            {
                open = await OpenWorkAsync(connectionString);
            }
            catch (NpgsqlException)
            {
                continue;
            }

            if (open is { Inbound: 0, Outbound: 0 } && clock.Elapsed - lastChange >= TimeSpan.FromSeconds(3))
            {
                Console.WriteLine($"  settled {clock.Elapsed.TotalSeconds:F0} s after the load stopped");
                return;
            }
        }

        Console.WriteLine($"  NOT settled after {timeout.TotalSeconds:F0} s: {open.Inbound} inbound still Received, {open.Outbound} replies Pending or Dispatching");
    }

    /// <summary>Prints the drill's figures and its verdict line; returns whether it held.</summary>
    public static async Task<bool> ReportAsync(string drill, IReadOnlyList<DrillWebhook> webhooks, CountingTwilio twilio, string connectionString)
    {
        var stored = await InboundAsync(connectionString);
        var replies = twilio.AcceptedByRecipient;
        int Replies(DrillWebhook w) => replies.GetValueOrDefault(w.From);

        Console.WriteLine("  phase                         sent   200  static  errors  not answered");
        // With two instances, each phase per instance (by port) as well.
        var instances = webhooks.Select(w => w.Url).Distinct().Count();
        foreach (var phase in webhooks.GroupBy(w => instances > 1 ? $"{w.Phase} :{new Uri(w.Url).Port}" : w.Phase))
        {
            Console.WriteLine($"  {phase.Key,-28} {phase.Count(),5} {Count(phase, WebhookOutcome.Answered),5} {Count(phase, WebhookOutcome.StaticReply),7} "
                              + $"{Count(phase, WebhookOutcome.Error),7} {Count(phase, WebhookOutcome.NotAnswered),13}");
        }

        var answered = webhooks.Where(w => w.Outcome == WebhookOutcome.Answered).ToList();
        var noReply = answered.Count(w => Replies(w) == 0);
        var notProcessed = answered.Count(w => stored.GetValueOrDefault(w.MessageSid).Status != "Processed");
        var lost = answered.Count(w => Replies(w) == 0 || stored.GetValueOrDefault(w.MessageSid).Status != "Processed");
        var doubled = webhooks.Count(w => Replies(w) > 1);
        var senders = webhooks.Select(w => w.From).ToHashSet(StringComparer.Ordinal);
        var strays = replies.Where(r => !senders.Contains(r.Key)).Sum(r => r.Value);
        var errors = webhooks.Where(w => w.Outcome == WebhookOutcome.Error).GroupBy(w => w.Status).Select(g => $"{g.Count()} × {g.Key}");
        var unanswered = webhooks.Where(w => w.Outcome != WebhookOutcome.Answered && w.Outcome != WebhookOutcome.StaticReply).ToList();
        var statics = webhooks.Where(w => w.Outcome == WebhookOutcome.StaticReply).ToList();

        Console.WriteLine($"  sent                 {webhooks.Count}");
        Console.WriteLine($"  answered 200         {answered.Count} (empty TwiML: stored, reply by the REST API)");
        Console.WriteLine($"  answered static      {statics.Count} (a <Message> in the TwiML){(statics.Count > 0 ? $"; {statics.Count(w => Replies(w) > 0)} of them also got a REST reply" : "")}");
        Console.WriteLine($"  not answered/errors  {unanswered.Count(w => w.Outcome == WebhookOutcome.NotAnswered)} not answered, "
                          + $"{unanswered.Count(w => w.Outcome == WebhookOutcome.Error)} HTTP errors{(errors.Any() ? $" ({string.Join(", ", errors)})" : "")}; "
                          + $"{unanswered.Count(w => stored.ContainsKey(w.MessageSid))} of these were stored, {unanswered.Count(w => Replies(w) > 0)} got a reply");
        Console.WriteLine($"  replies at Twilio    {replies.Values.Sum()}{(strays > 0 ? $", {strays} to numbers that sent no webhook" : "")}");
        Console.WriteLine($"  recovered by a sweep {stored.Values.Count(s => s.Attempts > 0)} inbound rows (attempts > 0: the sweeper or start-up recovery ran the turn)");
        Console.WriteLine($"  lost                 {lost} (answered 200: {noReply} without a reply at Twilio, {notProcessed} not Processed)");
        var twice = doubled > 0 ? await ReplyRowsAsync(connectionString, [.. webhooks.Where(w => Replies(w) > 1).Select(w => w.From)]) : (OneRow: 0, SeveralRows: 0);
        Console.WriteLine($"  doubled              {doubled + strays} (a webhook with more than one reply{(doubled > 0 ? $": {twice.OneRow} with one reply row sent again (a send in doubt), {twice.SeveralRows} with several reply rows (the turn ran twice)" : "")})");

        var failures = new List<string>();
        if (lost > 0)
        {
            failures.Add($"{lost} lost");
        }

        if (doubled + strays > 0)
        {
            failures.Add($"{doubled + strays} doubled");
        }

        var errorCount = unanswered.Count(w => w.Outcome == WebhookOutcome.Error);
        if (errorCount > 0)
        {
            failures.Add($"{errorCount} answered with an HTTP error ({string.Join(", ", errors)}), no static reply: those clients hear nothing");
        }

        var verdict = failures.Count == 0 ? "HOLDS" : "FAILS: " + string.Join("; ", failures);
        Console.WriteLine($"verdict {drill}: {verdict}");
        return failures.Count == 0;
    }

    private static int Count(IEnumerable<DrillWebhook> webhooks, WebhookOutcome outcome) => webhooks.Count(w => w.Outcome == outcome);

    private static async Task<(long Inbound, long Outbound)> OpenWorkAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FILTER (WHERE direction = 'Inbound' AND status = 'Received'),
                   count(*) FILTER (WHERE direction = 'Outbound' AND status IN ('Pending', 'Dispatching'))
            FROM messages
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Of these recipients, how many have one outbound row (sent more than once) and how many several.</summary>
    private static async Task<(int OneRow, int SeveralRows)> ReplyRowsAsync(string connectionString, string[] recipients)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FILTER (WHERE n = 1)::int, count(*) FILTER (WHERE n > 1)::int
            FROM (SELECT count(*) AS n FROM messages WHERE direction = 'Outbound' AND "to" = ANY($1) GROUP BY "to") r
            """, connection);
        command.Parameters.AddWithValue(recipients);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    private static async Task<Dictionary<string, (string Status, int Attempts)>> InboundAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT provider_sid, status, attempts FROM messages WHERE direction = 'Inbound'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            rows[reader.GetString(0)] = (reader.GetString(1), reader.GetInt32(2));
        }

        return rows;
    }
}
