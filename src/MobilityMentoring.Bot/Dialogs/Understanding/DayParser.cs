using System.Globalization;
using System.Text.RegularExpressions;
using MobilityMentoring.Bot.Coaching;

namespace MobilityMentoring.Bot.Dialogs.Understanding;

/// <summary>
/// A day and/or part of the day read from a client's answer ("vrijdagmiddag", "over 3 dagen", "12-3"). Weekend: the
/// client said "in het weekend" without a day, so the bot asks which of the two.
/// </summary>
public readonly record struct DayAnswer(DateOnly? Date, DayPart? Part, bool Weekend = false);

/// <summary>
/// Reads when a client will do a step: vandaag, morgen, overmorgen, a weekday (the next one, today included; with
/// "volgende week" the one in next week), "over 3 dagen", "over twee weken", "volgende week", "na het weekend",
/// "eind van de week", "de 3e", 12-3, 12-3-2027, 12 maart; and a part of the day, also glued to the day
/// ("morgenochtend") or as a time ("na 6 uur"). The words come from the intents in dialogs/. Dates are day first; a
/// date without a year that has passed means next year, a day of the month that has passed means next month.
/// </summary>
public sealed partial class DayParser(DialogContent content, Understanding understanding)
{
    private static readonly (string Intent, DayOfWeek Day)[] Weekdays =
    [
        ("day.monday", DayOfWeek.Monday), ("day.tuesday", DayOfWeek.Tuesday), ("day.wednesday", DayOfWeek.Wednesday),
        ("day.thursday", DayOfWeek.Thursday), ("day.friday", DayOfWeek.Friday), ("day.saturday", DayOfWeek.Saturday),
        ("day.sunday", DayOfWeek.Sunday),
    ];

    private static readonly (string Intent, DayPart Part)[] Parts =
        [("morning", DayPart.Morning), ("afternoon", DayPart.Afternoon), ("evening", DayPart.Evening)];

    /// <summary>Words for a part of the day that can be glued to a day ("middag" in "vrijdagmiddag"), every language.</summary>
    private readonly string[] partWords = [.. Parts.SelectMany(p => content.PhrasesInAnyLanguage(p.Intent))
        .Where(w => !w.Contains(' ', StringComparison.Ordinal) && w.Length >= 4)];

    /// <summary>Each month's name (first word) with its number, every language.</summary>
    private readonly (string Name, int Number)[] monthNames = [.. content.Languages
        .SelectMany(language => (content[language].Intents.GetValueOrDefault("month") ?? []).Take(12)
            .Select((month, m) => (Name: Utterance.Tokenize(month).FirstOrDefault(), Number: m + 1)))
        .Where(month => month.Name is not null).Select(month => (month.Name!, month.Number))];

    public DayAnswer Read(string text, DateOnly today)
    {
        text = TypedText.ForReading(text);
        var utterance = content.Read(SplitGluedParts(text));
        var date = ReadDate(text, utterance, today);
        return new DayAnswer(date, ReadPart(utterance), date is null && understanding.Find(utterance, "day.weekend") is not null);
    }

    /// <summary>The part of the day named ("'s avonds", "na de lunch"), else the one a time falls in ("rond 10 uur").</summary>
    public DayPart? ReadPart(Utterance utterance) =>
        Parts.Where(p => understanding.Find(utterance, p.Intent) is not null).Select(p => (DayPart?)p.Part).FirstOrDefault()
        ?? understanding.ClockPart(utterance);

    private DateOnly? ReadDate(string text, Utterance utterance, DateOnly today)
    {
        if (NumericDate().Match(text) is { Success: true } numeric)
        {
            return DateFrom(today, Number(numeric.Groups["day"]), Number(numeric.Groups["month"]),
                numeric.Groups["year"].Success ? Number(numeric.Groups["year"]) : null);
        }

        if (DayAndMonthName(utterance, today) is { } named)
        {
            return named;
        }

        if (DayOfMonth(utterance, today) is { } ordinal)
        {
            return ordinal;
        }

        if (NextWeeksWeekday(utterance, today) is { } nextWeeks)
        {
            return nextWeeks;
        }

        if (understanding.Find(utterance, "day.afterweekend") is not null)
        {
            var monday = NextOrSame(today, DayOfWeek.Monday);
            return monday == today ? today.AddDays(7) : monday;
        }

        if (understanding.Find(utterance, "day.endofweek") is not null)
        {
            return NextOrSame(today, DayOfWeek.Friday);
        }

        if (understanding.Find(utterance, "days.fromnow") is { Number: { } days } && days <= 366)
        {
            return today.AddDays(days);
        }

        if (understanding.Find(utterance, "weeks.fromnow") is { Number: { } weeks } && weeks <= 52)
        {
            return today.AddDays(7 * weeks);
        }

        // Longer phrases first: "overmorgen" before "morgen", "day after tomorrow" before "tomorrow".
        if (understanding.Find(utterance, "day.aftertomorrow") is not null)
        {
            return today.AddDays(2);
        }

        if (understanding.Find(utterance, "day.nextweek") is not null)
        {
            return today.AddDays(7);
        }

        if (understanding.Find(utterance, "day.tomorrow") is not null)
        {
            return today.AddDays(1);
        }

        if (understanding.Find(utterance, "day.today") is not null)
        {
            return today;
        }

        foreach (var (intent, day) in Weekdays)
        {
            if (understanding.Find(utterance, intent) is not null)
            {
                return NextOrSame(today, day);
            }
        }

        return null;
    }

    /// <summary>"de 3e", "the 3rd", "op de 15de": the next such day of the month, today included.</summary>
    private static DateOnly? DayOfMonth(Utterance utterance, DateOnly today)
    {
        foreach (var token in utterance.Tokens)
        {
            var digits = new string([.. token.TakeWhile(char.IsAsciiDigit)]);
            if (digits.Length is 0 or > 2 || token[digits.Length..] is not ("e" or "de" or "ste" or "st" or "nd" or "rd" or "th"))
            {
                continue;
            }

            var day = int.Parse(digits, CultureInfo.InvariantCulture);
            if (day is < 1 or > 31)
            {
                continue;
            }

            for (var month = new DateOnly(today.Year, today.Month, 1); month < today.AddMonths(3); month = month.AddMonths(1))
            {
                if (day <= DateTime.DaysInMonth(month.Year, month.Month) && new DateOnly(month.Year, month.Month, day) >= today)
                {
                    return new DateOnly(month.Year, month.Month, day);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// "volgende week dinsdag", "next tuesday": that weekday in next week (Monday to Sunday). "next" counts only as
    /// written and right before the day: "I'll text her Friday" is this Friday.
    /// </summary>
    private DateOnly? NextWeeksWeekday(Utterance utterance, DateOnly today)
    {
        var nextWeek = understanding.Find(utterance, "day.nextweek") is not null;
        var next = understanding.Find(utterance, "day.next") is { Typos: 0 } found ? found : null;
        if (!nextWeek && next is null)
        {
            return null;
        }

        var nextMonday = today.AddDays(7 - (((int)today.DayOfWeek + 6) % 7));
        foreach (var (intent, day) in Weekdays)
        {
            if (understanding.Find(utterance, intent) is { } weekday && (nextWeek || weekday.Start == next!.Start + next.Length))
            {
                return nextMonday.AddDays(((int)day + 6) % 7);
            }
        }

        return null;
    }

    /// <summary>"12 maart", "maart 12", "12th of March" (the number next to a month name).</summary>
    private DateOnly? DayAndMonthName(Utterance utterance, DateOnly today)
    {
        var tokens = utterance.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            var month = MonthNumber(tokens[i]);
            if (month is null)
            {
                continue;
            }

            foreach (var j in new[] { i - 1, i - 2, i + 1 })
            {
                if (j >= 0 && j < tokens.Count && LeadingDigits(tokens[j]) is { } day)
                {
                    return DateFrom(today, day, month.Value, null);
                }
            }
        }

        return null;
    }

    /// <summary>The first <paramref name="day"/> from <paramref name="today"/> on, today included.</summary>
    public static DateOnly NextOrSame(DateOnly today, DayOfWeek day) => today.AddDays(((int)day - (int)today.DayOfWeek + 7) % 7);

    private int? MonthNumber(string token)
    {
        foreach (var (name, number) in monthNames)
        {
            if (token == name || (token.Length >= 3 && name.StartsWith(token, StringComparison.Ordinal)))
            {
                return number;
            }
        }

        return null;
    }

    private static DateOnly? DateFrom(DateOnly today, int day, int month, int? year)
    {
        var y = year switch { null => today.Year, < 100 => 2000 + year.Value, _ => year.Value };
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(y, month))
        {
            return null;
        }

        var date = new DateOnly(y, month, day);
        if (year is null && date < today)
        {
            date = date.AddYears(1);
        }

        return date;
    }

    /// <summary>"vrijdagmiddag" → "vrijdag middag", so the day and the part are both found.</summary>
    private string SplitGluedParts(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            var lower = words[i].ToLowerInvariant();
            if (partWords.Contains(lower, StringComparer.Ordinal))
            {
                continue;
            }

            var part = partWords.FirstOrDefault(p => lower.Length > p.Length + 1 && lower.EndsWith(p, StringComparison.Ordinal));
            if (part is not null)
            {
                words[i] = words[i][..^part.Length] + " " + part;
            }
        }

        return string.Join(' ', words);
    }

    private static int Number(Group group) => int.Parse(group.Value, CultureInfo.InvariantCulture);

    private static int? LeadingDigits(string token)
    {
        var digits = new string([.. token.TakeWhile(char.IsAsciiDigit)]);
        return digits.Length is > 0 and <= 2 && token.Length - digits.Length <= 2 ? int.Parse(digits, CultureInfo.InvariantCulture) : null;
    }

    // [0-9], not \d: \d matches every script's digits, and int.Parse reads ASCII ones only ("١٢-٣" is read as 12-3 first).
    [GeneratedRegex(@"(?<![0-9])(?<day>[0-9]{1,2})\s*[-/.]\s*(?<month>[0-9]{1,2})(?:\s*[-/.]\s*(?<year>[0-9]{4}|[0-9]{2}))?(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex NumericDate();
}
