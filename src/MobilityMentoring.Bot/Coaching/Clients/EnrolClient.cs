using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Operations;
using MobilityMentoring.Bot.Privacy;

namespace MobilityMentoring.Bot.Coaching.Clients;

public sealed record NewClient(string? Phone, string? FirstName, string? Language, Channel? Channel, int? ProgrammeId, string? MentorId);

/// <summary>
/// A mentor enrols a client of theirs, or a coordinator one for a mentor they name (the caseload page and
/// <c>POST /api/clients</c>): a phone number, first name, language and channel, in the programme named or the mentor's
/// own. A number already in an open case anywhere is refused. The bot welcomes the newcomer in their daytime.
/// </summary>
public sealed class EnrolClient(BotDbContext db, OnboardingJob onboarding, TimeProvider time)
{
    public async Task<Outcome<Client>> RunAsync(ClaimsPrincipal user, NewClient request, CancellationToken cancellationToken)
    {
        if (!PhoneNumber.TryParse(request.Phone, "NL", out var phone, out var problem))
        {
            return Outcome.Invalid<Client>("phone", problem);
        }

        if (phone.IsTestNumber())
        {
            return Outcome.Invalid<Client>("phone", "This number is kept for the simulator's test clients.");
        }

        if (request.Channel is not (null or Channel.Sms or Channel.WhatsApp))
        {
            return Outcome.Invalid<Client>("channel", "Sms or WhatsApp (test clients are made in the simulator).");
        }

        if (request.Language is { } language && language is not ("nl" or "en"))
        {
            return Outcome.Invalid<Client>("language", "Use nl or en.");
        }

        // A mentor enrols for themselves; a coordinator names a mentor's account; nobody else has a caseload.
        var mentorId = user.SeesAllClients() ? request.MentorId : user.IsInRole(Roles.Mentor) ? user.Id() : null;
        if (mentorId is null || user.SeesAllClients() && !await db.IsMentorAsync(mentorId, cancellationToken))
        {
            return Outcome.Invalid<Client>("mentorId", "Name the mentor of this client.");
        }

        var programme = request.ProgrammeId is { } programmeId
            ? await db.Programmes.FindAsync([programmeId], cancellationToken)
            : await db.Programmes.Where(p => p.Clients.Any(c => c.MentorId == mentorId)).OrderBy(p => p.Id).FirstOrDefaultAsync(cancellationToken)
              ?? await db.Programmes.OrderBy(p => p.Id).FirstOrDefaultAsync(cancellationToken);
        if (programme is null)
        {
            return Outcome.Invalid<Client>("programmeId", "There is no such programme: a coordinator starts one first.");
        }

        if (await db.Clients.Where(c => c.Phone == phone && c.ClosedAt == null).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken) is { } open)
        {
            return await RefusedAsync(user, open, cancellationToken);
        }

        var now = time.GetUtcNow();
        var client = new Client
        {
            ProgrammeId = programme.Id, MentorId = mentorId, Phone = phone, FirstName = Trim(request.FirstName, 100),
            Language = request.Language ?? "nl", Channel = request.Channel ?? Channel.Sms, TimeZone = programme.TimeZone, CreatedAt = now,
        };
        db.Clients.Add(client);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Enrolled twice at once: the unique index chose. Anything else is a real failure.
            db.Entry(client).State = EntityState.Detached;
            if (await db.Clients.AsNoTracking().Where(c => c.Phone == phone && c.ClosedAt == null).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken) is { } taken)
            {
                return await RefusedAsync(user, taken, cancellationToken);
            }

            throw;
        }

        db.AuditEntries.Add(new AuditEntry { At = now, Actor = user.Id(), Action = AuditAction.ClientEnrol, Subject = $"client:{client.Id}" });
        await db.SaveChangesAsync(cancellationToken);
        await onboarding.WelcomeAsync(client.Id, cancellationToken);
        return Outcome.Done(client);
    }

    /// <summary>
    /// The number is someone's open case: refused, saying nothing about whose or where, and written down, so a
    /// coordinator sees who tried to take over a case (moving a client is theirs to do).
    /// </summary>
    private async Task<Outcome<Client>> RefusedAsync(ClaimsPrincipal user, int openCase, CancellationToken cancellationToken)
    {
        db.AuditEntries.Add(new AuditEntry { At = time.GetUtcNow(), Actor = user.Id(), Action = AuditAction.ClientEnrolRefused, Subject = $"client:{openCase}" });
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Conflict<Client>("This phone number cannot be enrolled: it has an open case. A coordinator can move a client to you.");
    }

    private static string? Trim(string? text, int max) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim() is var t && t.Length > max ? t[..max] : t;
}
