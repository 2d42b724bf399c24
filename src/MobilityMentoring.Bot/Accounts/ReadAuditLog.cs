using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Operations;
using MobilityMentoring.Bot.Privacy;

namespace MobilityMentoring.Bot.Accounts;

public sealed record AuditFilter(string? User, int? ClientId, string? Action, int Page = 1, int PageSize = ReadAuditLog.DefaultPageSize);

public sealed record AuditLine(long Id, DateTimeOffset At, string Actor, string? ActorEmail, string Action, string Subject, string? Detail);

public sealed record AuditPage(IReadOnlyList<AuditLine> Entries, int Page, int PageSize, bool More);

/// <summary>
/// An admin reads the audit log (the audit page and <c>GET /api/audit</c>), newest first, a page at a time, filtered by
/// who acted, which client it was about and which action. Reading it is written down too: it names whose data was touched.
/// </summary>
public sealed class ReadAuditLog(BotDbContext db, TimeProvider time)
{
    public const int DefaultPageSize = 50, MaxPageSize = 200, MaxPage = 1_000_000;

    public async Task<Outcome<AuditPage>> RunAsync(ClaimsPrincipal admin, AuditFilter filter, CancellationToken cancellationToken)
    {
        if (!admin.IsInRole(Roles.Admin))
        {
            return Outcome.NotFound<AuditPage>();
        }

        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            if (!AuditActions.TryParse(filter.Action.Trim(), out var action))
            {
                return Outcome.Invalid<AuditPage>("action", "One of: " + string.Join(", ", AuditActions.All.Select(a => a.Name())));
            }

            entries = entries.Where(e => e.Action == action);
        }

        if (filter.Page is < 1 or > MaxPage)
        {
            return Outcome.Invalid<AuditPage>("page", $"From 1 to {MaxPage}.");
        }

        if (filter.PageSize is < 1 or > MaxPageSize)
        {
            return Outcome.Invalid<AuditPage>("pageSize", $"From 1 to {MaxPageSize}.");
        }

        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            var user = filter.User.Trim();
            entries = entries.Where(e => e.Actor == user);
        }

        if (filter.ClientId is { } clientId)
        {
            var subject = $"client:{clientId}";
            entries = entries.Where(e => e.Subject == subject);
        }

        var rows = await entries.OrderByDescending(e => e.Id).Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize + 1).ToListAsync(cancellationToken);
        var actors = rows.Select(e => e.Actor).Distinct().ToList();
        var emails = await db.Users.Where(u => actors.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, cancellationToken);
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow(), Actor = admin.Id(), Action = AuditAction.AuditView, Subject = "audit",
            Detail = $"user={filter.User} client={filter.ClientId} action={filter.Action} page={filter.Page}",
        });
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done(new AuditPage(
            [.. rows.Take(filter.PageSize).Select(e => new AuditLine(e.Id, e.At, e.Actor, emails.GetValueOrDefault(e.Actor), e.Action.Name(), e.Subject, e.Detail))],
            filter.Page, filter.PageSize, rows.Count > filter.PageSize));
    }
}
