using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Privacy;

namespace MobilityMentoring.Bot.Summaries;

/// <summary>
/// What happened with a client over a period, in at most eight lines in the mentor's language, built only from stored
/// events (the same history gives the same summary): steps, what got in the way in the client's own (masked) words,
/// help and crisis moments, reply rate and reminders, pause and opt-out, points.
/// </summary>
public sealed class SummaryBuilder(BotDbContext db)
{
    public const int MaxLines = 8;

    /// <summary>A quoted message needs this many words to be about what got in the way, not an answer like "2" or "ja".</summary>
    private const int QuoteMinWords = 3;

    /// <summary>The summary from the end of the last reviewed one (or a week ago) until <paramref name="now"/>.</summary>
    public async Task<(DateTimeOffset From, string Text)> SinceLastReviewAsync(int clientId, DateTimeOffset now, string language, CancellationToken cancellationToken)
    {
        var from = await SummaryJob.PeriodStartAsync(db, clientId, now, cancellationToken);
        return (from, await BuildAsync(clientId, from, now, language, cancellationToken));
    }

    /// <summary>"Gelezen": the summary until now is stored as reviewed, so the next one starts here.</summary>
    public async Task MarkReviewedAsync(int clientId, DateTimeOffset now, string language, CancellationToken cancellationToken)
    {
        var (from, text) = await SinceLastReviewAsync(clientId, now, language, cancellationToken);
        db.Summaries.Add(new Summary { ClientId = clientId, PeriodStart = from, PeriodEnd = now, CreatedAt = now, ReviewedAt = now, Text = text });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<string> BuildAsync(int clientId, DateTimeOffset from, DateTimeOffset to, string language, CancellationToken cancellationToken)
    {
        var en = language == "en";
        var culture = CultureInfo.GetCultureInfo(en ? "en-GB" : "nl-NL");
        var client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == clientId, cancellationToken);
        var zone = client.Zone();
        string Day(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone).ToString("ddd d MMM", culture);

        var checkIns = await db.CheckIns.AsNoTracking().Where(c => c.Step!.Goal!.ClientId == clientId && c.PlannedAt >= from && c.PlannedAt <= to)
            .Select(c => c.Outcome).ToListAsync(cancellationToken);
        var inbound = await db.Messages.AsNoTracking()
            .Where(m => m.ClientId == clientId && m.Direction == MessageDirection.Inbound && m.CreatedAt >= from && m.CreatedAt <= to)
            .OrderBy(m => m.Id).Select(m => m.Body).ToListAsync(cancellationToken);
        var reminders = await db.Messages.AsNoTracking().CountAsync(
            m => m.ClientId == clientId && m.Direction == MessageDirection.Outbound && m.Origin == MessageOrigin.Proactive
                 && m.CreatedAt >= from && m.CreatedAt <= to, cancellationToken);
        var flags = await db.Flags.AsNoTracking().Where(f => f.ClientId == clientId && f.RaisedAt >= from && f.RaisedAt <= to)
            .OrderBy(f => f.RaisedAt).Select(f => new { f.Kind, f.RaisedAt }).ToListAsync(cancellationToken);
        var earned = await db.RewardEntries.AsNoTracking().Where(r => r.ClientId == clientId && r.CreatedAt >= from && r.CreatedAt <= to).SumAsync(r => r.Points, cancellationToken);
        var total = await db.RewardEntries.AsNoTracking().Where(r => r.ClientId == clientId && r.CreatedAt <= to).SumAsync(r => r.Points, cancellationToken);

        var lines = new List<string>();
        int done = checkIns.Count(o => o == CheckInOutcome.Done), notYet = checkIns.Count(o => o == CheckInOutcome.NotYet), missed = checkIns.Count(o => o is null);
        lines.Add(en ? $"Steps: {done} done, {notYet} not yet, {missed} without an answer." : $"Stappen: {done} gedaan, {notYet} nog niet, {missed} zonder antwoord.");

        var quotes = inbound.Where(b => b.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= QuoteMinWords).TakeLast(2)
            .Select(b => $"\"{Shorten(PersonalNumberMasker.Mask(b), 80)}\"").ToList();
        if (quotes.Count > 0)
        {
            lines.Add((en ? "In their words: " : "In eigen woorden: ") + string.Join(" ", quotes));
        }

        foreach (var kind in new[] { FlagKind.Crisis, FlagKind.PossibleCrisis, FlagKind.Help, FlagKind.Unreachable, FlagKind.NoAnswer, FlagKind.OptedOut })
        {
            var days = flags.Where(f => f.Kind == kind).Select(f => Day(f.RaisedAt)).Distinct().ToList();
            if (days.Count > 0)
            {
                lines.Add($"{FlagLabel(kind, en)}: {string.Join(", ", days)}.");
            }
        }

        var answered = done + notYet + checkIns.Count(o => o == CheckInOutcome.NeedHelp);
        lines.Add(checkIns.Count == 0
            ? (en ? $"No check-ins; {reminders} bot messages sent." : $"Geen vragen over stappen; {reminders} berichten van de bot.")
            : (en ? $"Answered {answered} of {checkIns.Count} check-ins; {reminders} bot messages sent."
                  : $"{answered} van {checkIns.Count} vragen beantwoord; {reminders} berichten van de bot."));
        if (client.PausedUntil is { } paused && paused > from)
        {
            lines.Add(en ? $"Paused until {Day(paused.AddDays(-1))}." : $"Pauze tot en met {Day(paused.AddDays(-1))}.");
        }

        lines.Add(en ? $"Points: +{earned}, {total} in total." : $"Punten: +{earned}, {total} in totaal.");
        return string.Join('\n', lines.Take(MaxLines));
    }

    private static string FlagLabel(FlagKind kind, bool en) => kind switch
    {
        FlagKind.Crisis => en ? "Crisis reported" : "Crisis gemeld",
        FlagKind.PossibleCrisis => en ? "Possible crisis (asked)" : "Mogelijk crisis (gevraagd)",
        FlagKind.Help => en ? "Asked for help" : "Hulp gevraagd",
        FlagKind.Unreachable => en ? "Unreachable since" : "Onbereikbaar sinds",
        FlagKind.NoAnswer => en ? "No answer to check-in and follow-up" : "Geen antwoord op vraag en herinnering",
        _ => en ? "Opted out" : "Afgemeld",
    };

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
