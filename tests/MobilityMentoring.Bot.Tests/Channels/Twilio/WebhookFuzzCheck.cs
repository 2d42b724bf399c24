using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Channels.Twilio;

/// <summary>
/// The properties, read from the database and the fake Twilio once a run has settled.
/// </summary>
/// <remarks>
/// Relating a reply to its inbound message: a turn writes its outbox rows with CreatedAt = the turn's Now and the
/// inbound row's ProcessedAt = the same Now, in one transaction (TurnProcessor, OutboxWriter). The test's clock
/// advances 1 µs on every read (PostgreSQL keeps microseconds), so no two turns share a Now: an outbox row belongs to the
/// one inbound message from the same number whose ProcessedAt equals its CreatedAt. A row matching none was written by
/// a turn that is not the message's last one (the message ran twice) or by no inbound turn at all; only bot-started
/// turns may stand alone: the give-up's "a person will look at it" (Origin System, one per parked message) and the
/// OnboardingJob's welcome (Origin Proactive; the job runs every 15 real minutes, so at most one per run). With "each outbox row
/// reaches Twilio at most once" (Twilio's requests carry the row id in their StatusCallback URL) that is: no inbound
/// message is answered twice.
/// </remarks>
internal sealed class WebhookFuzzCheck(TwilioAppFactory app)
{
    /// <summary>Outbox ids Twilio was asked to send across every run of the property: a later run may not send one again.</summary>
    private readonly HashSet<long> sentBefore = [];

    public async Task<List<string>> ViolationsAsync(RunMarks marks, IReadOnlyList<HookResult> results)
    {
        await using var scope = app.NewScope();
        var db = scope.Db;
        var violations = new List<string>();

        violations.AddRange(results.Where(r => r.Status >= 500).Select(r => $"5xx: {r}"));

        // Every message answered 200 is stored once and ends Processed or Failed (parked); one refused stores nothing.
        var sids = results.Where(r => r.Hook is MessageHook && r.Sid is not null).Select(r => r.Sid!).Distinct().ToList();
        var stored = (await db.Messages.Where(m => m.Direction == MessageDirection.Inbound && sids.Contains(m.ProviderSid!))
            .Select(m => new { m.Id, m.ProviderSid, m.Status }).ToListAsync()).ToLookup(m => m.ProviderSid!);
        var accepted = results.Where(r => r.Hook is MessageHook && r.Status == 200 && r.Sid is not null).Select(r => r.Sid!).ToHashSet();
        foreach (var result in results.Where(r => r.Hook is MessageHook && r.Sid is not null).GroupBy(r => r.Sid!).Select(g => g.First()))
        {
            var rows = stored[result.Sid!].ToList();
            if (accepted.Contains(result.Sid!) && (rows.Count != 1 || rows[0].Status is not (MessageStatus.Processed or MessageStatus.Failed)))
            {
                violations.Add($"accepted but {(rows.Count == 1 ? "left " + rows[0].Status : rows.Count + " rows")}: {result}");
            }
            else if (!accepted.Contains(result.Sid!) && rows.Count > 0 && result.Status < 500)
            {
                violations.Add($"refused but stored as message {rows[0].Id}: {result}");
            }
        }

        violations.AddRange(await RepliesAsync(db, marks));
        return violations;
    }

    private async Task<List<string>> RepliesAsync(MobilityMentoring.Bot.Data.BotDbContext db, RunMarks marks)
    {
        var violations = new List<string>();
        var inbound = await db.Messages.Where(m => m.Id > marks.MessageId && m.Direction == MessageDirection.Inbound)
            .Select(m => new { m.Id, m.From, m.Status, m.ProcessedAt }).ToListAsync();
        var outbound = await db.Messages.Where(m => m.Id > marks.MessageId && m.Direction == MessageDirection.Outbound)
            .OrderBy(m => m.Id).Select(m => new { m.Id, m.To, m.Origin, m.CreatedAt, m.Body }).ToListAsync();

        var turns = inbound.Where(m => m.ProcessedAt is not null).ToLookup(m => (Phone(m.From), m.ProcessedAt!.Value));
        var standAlone = new Dictionary<string, int>();
        var proactive = new Dictionary<string, int>();
        foreach (var row in outbound)
        {
            var phone = Phone(row.To);
            var turn = turns[(phone, row.CreatedAt)].ToList();
            if (turn.Count == 1)
            {
                continue;
            }

            if (turn.Count == 0 && row.Origin == MessageOrigin.System)
            {
                standAlone[phone] = standAlone.GetValueOrDefault(phone) + 1;
                continue;
            }

            if (turn.Count == 0 && row.Origin == MessageOrigin.Proactive)
            {
                proactive[phone] = proactive.GetValueOrDefault(phone) + 1;
                continue;
            }

            violations.Add($"reply {row.Id} ({row.Origin}, {Show(row.Body)}) to {row.To} belongs to {turn.Count} turns of inbound messages");
        }

        if (standAlone.Count > 0)
        {
            // Counted over every run: a give-up may land after its run was checked (another sweeper finishing late).
            var allParked = (await db.Messages.Where(m => m.Direction == MessageDirection.Inbound && m.Status == MessageStatus.Failed)
                .Select(m => m.From).ToListAsync()).GroupBy(Phone).ToDictionary(g => g.Key, g => g.Count());
            var allGiveUps = (await db.Messages.Where(m => m.Direction == MessageDirection.Outbound && m.Origin == MessageOrigin.System)
                .Select(m => new { m.Id, m.To, m.CreatedAt }).ToListAsync()).GroupBy(m => Phone(m.To)).ToDictionary(g => g.Key, g => g.ToList());
            violations.AddRange(standAlone.Keys.Where(phone => allGiveUps[phone].Count > allParked.GetValueOrDefault(phone))
                .Select(phone => $"{allGiveUps[phone].Count} give-up replies to {phone} for {allParked.GetValueOrDefault(phone)} parked messages (rows "
                                 + string.Join(", ", allGiveUps[phone].Select(g => $"{g.Id} at {g.CreatedAt:HH:mm:ss.ffffff}")) + ")"));
        }

        violations.AddRange(proactive.Where(p => p.Value > 1).Select(p => $"{p.Value} bot-started messages to {p.Key} in one run"));

        violations.AddRange(outbound.GroupBy(r => (Phone(r.To), r.CreatedAt, r.Body)).Where(g => g.Count() > 1)
            .Select(g => $"one turn wrote the same reply {g.Count()} times to {g.Key.Item1}: {Show(g.Key.Body)} (rows {string.Join(", ", g.Select(r => r.Id))})"));

        foreach (var request in app.Twilio.Requests.Skip(marks.TwilioRequests))
        {
            if (OutboxIdOf(request) is not { } id)
            {
                violations.Add($"Twilio got a message with no outbox id in its StatusCallback, to {request.Form.GetValueOrDefault("To")}");
            }
            else if (!sentBefore.Add(id))
            {
                violations.Add($"Twilio was asked to send outbox row {id} again, to {request.Form.GetValueOrDefault("To")}: {Show(request.Form.GetValueOrDefault("Body") ?? "")}");
            }
        }

        return violations;
    }

    private static long? OutboxIdOf(FakeTwilioRequest request) =>
        request.Form.GetValueOrDefault("StatusCallback") is { } url && url.IndexOf("outbox=", StringComparison.Ordinal) is var at and >= 0
        && long.TryParse(url[(at + "outbox=".Length)..], System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id
            : null;

    private static string Phone(string address) =>
        PhoneNumber.TryParseProviderAddress(address, out var phone, out _) ? phone.Value : address;

    private static string Show(string body) => FuzzText.Show(body.Length <= 60 ? body : body[..60] + "…");
}
