using System.Security.Claims;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Operations;
using MobilityMentoring.Bot.Privacy;

namespace MobilityMentoring.Bot.Coaching.Programmes;

/// <summary>A programme's settings as staff change them; a name left out keeps the current one.</summary>
/// <remarks>A new <see cref="InfoVersion"/> asks every client who agreed to an earlier one again, once (see ConsentRenewalDialog).</remarks>
public sealed record ProgrammeChange(
    string? Name, string? JoinKeyword, int PointsPerStep, int MilestoneEvery, decimal? MilestoneAmount, string? InfoUrl, string? InfoVersion = null);

/// <summary>
/// A coordinator changes a programme's name, join keyword, rewards and info page (the programmes page and
/// <c>PUT /api/programmes/{id}</c>), checked field by field. Audit-logged.
/// </summary>
public sealed class ChangeProgrammeSettings(BotDbContext db, TimeProvider time)
{
    public async Task<Outcome<Programme>> RunAsync(ClaimsPrincipal coordinator, int programmeId, ProgrammeChange change, CancellationToken cancellationToken)
    {
        if (await db.Programmes.FindAsync([programmeId], cancellationToken) is not { } programme)
        {
            return Outcome.NotFound<Programme>();
        }

        var keyword = ProgrammeRules.Keyword(change.JoinKeyword);
        var name = change.Name ?? programme.Name;
        var errors = await ProgrammeRules.CheckAsync(db, programmeId, name, keyword, cancellationToken);
        if (change.PointsPerStep is < 0 or > 1000)
        {
            errors["pointsPerStep"] = ["Between 0 and 1000."];
        }

        if (change.MilestoneEvery is < 0 or > 10_000)
        {
            errors["milestoneEvery"] = ["Between 0 and 10000."];
        }

        if (change.MilestoneAmount is < 0 or > 1000)
        {
            errors["milestoneAmount"] = ["Between 0 and 1000 euro."];
        }

        if (!ProgrammeRules.IsValidInfoUrl(change.InfoUrl))
        {
            errors["infoUrl"] = [$"An absolute web address of at most {ProgrammeRules.MaxInfoUrlLength} characters (it goes into one SMS)."];
        }

        var infoVersion = string.IsNullOrWhiteSpace(change.InfoVersion) ? programme.InfoVersion : change.InfoVersion.Trim();
        if (!ProgrammeRules.IsValidInfoVersion(infoVersion))
        {
            errors["infoVersion"] = [$"1 to {ProgrammeRules.MaxInfoVersionLength} letters, digits, dots or dashes, e.g. 2 or 2026-12."];
        }

        if (errors.Count > 0)
        {
            return Outcome.Invalid<Programme>(errors);
        }

        var payoutBefore = (programme.PointsPerStep, programme.MilestoneEvery, programme.MilestoneAmount);
        var infoVersionBefore = programme.InfoVersion;
        programme.InfoVersion = infoVersion;
        (programme.Name, programme.JoinKeyword, programme.PointsPerStep, programme.MilestoneEvery, programme.MilestoneAmount, programme.InfoUrl) =
            (name.Trim(), keyword, change.PointsPerStep, change.MilestoneEvery, change.MilestoneAmount, string.IsNullOrEmpty(change.InfoUrl) ? null : change.InfoUrl);
        var now = time.GetUtcNow();
        db.AuditEntries.Add(new AuditEntry
        {
            At = now, Actor = coordinator.Id(), Action = AuditAction.ProgrammeChange, Subject = $"programme:{programmeId}",
            Detail = infoVersion == infoVersionBefore ? null : $"info version {infoVersionBefore} -> {infoVersion}: clients are asked again",
        });
        var payoutAfter = (programme.PointsPerStep, programme.MilestoneEvery, programme.MilestoneAmount);
        if (payoutAfter != payoutBefore)
        {
            // Points and euros are what clients are promised: a privacy officer or auditor asks who changed them.
            db.AuditEntries.Add(new AuditEntry
            {
                At = now, Actor = coordinator.Id(), Action = AuditAction.PayoutChange, Subject = $"programme:{programmeId}",
                Detail = FormattableString.Invariant($"points per step, milestone every, milestone euro: {payoutBefore} -> {payoutAfter}"),
            });
        }
        if (!await ProgrammeRules.TrySaveAsync(db, programmeId, keyword, cancellationToken))
        {
            return Outcome.Invalid<Programme>("joinKeyword", ProgrammeRules.KeywordTaken);
        }

        return Outcome.Done(programme);
    }
}
