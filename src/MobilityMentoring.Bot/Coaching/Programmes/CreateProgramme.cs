using System.Security.Claims;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Operations;
using MobilityMentoring.Bot.Privacy;

namespace MobilityMentoring.Bot.Coaching.Programmes;

public sealed record NewProgramme(string? Name, string? TimeZone, string? JoinKeyword);

/// <summary>
/// A coordinator starts a programme (the programmes page and <c>POST /api/programmes</c>): a name, its time zone (IANA,
/// Europe/Amsterdam unless given) and, if clients may join by texting a word, its join keyword. Audit-logged.
/// </summary>
public sealed class CreateProgramme(BotDbContext db, TimeProvider time)
{
    public async Task<Outcome<Programme>> RunAsync(ClaimsPrincipal coordinator, NewProgramme request, CancellationToken cancellationToken)
    {
        var keyword = ProgrammeRules.Keyword(request.JoinKeyword);
        var errors = await ProgrammeRules.CheckAsync(db, null, request.Name, keyword, cancellationToken);
        var zone = string.IsNullOrWhiteSpace(request.TimeZone) ? "Europe/Amsterdam" : request.TimeZone.Trim();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            errors["timeZone"] = ["Use an IANA time zone, e.g. Europe/Amsterdam."];
        }

        if (errors.Count > 0)
        {
            return Outcome.Invalid<Programme>(errors);
        }

        var now = time.GetUtcNow();
        var programme = new Programme { Name = request.Name!.Trim(), TimeZone = zone, JoinKeyword = keyword, CreatedAt = now };
        db.Programmes.Add(programme);
        if (!await ProgrammeRules.TrySaveAsync(db, null, keyword, cancellationToken))
        {
            return Outcome.Invalid<Programme>("joinKeyword", ProgrammeRules.KeywordTaken);
        }

        db.AuditEntries.Add(new AuditEntry { At = now, Actor = coordinator.Id(), Action = AuditAction.ProgrammeCreate, Subject = $"programme:{programme.Id}" });
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done(programme);
    }
}
