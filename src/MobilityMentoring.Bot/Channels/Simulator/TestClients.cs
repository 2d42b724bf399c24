using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Coaching.Clients;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Operations;
using MobilityMentoring.Bot.Privacy;

namespace MobilityMentoring.Bot.Channels.Simulator;

/// <summary>
/// The simulator's clients. Each staff member makes their own test clients and chats only as those: a test client has
/// a number no real phone has (<see cref="TestNumbers"/>), belongs to its maker, and the turn pipeline keeps simulator
/// messages and real ones apart, so nobody can speak for a real client here. Every use is audit-logged.
/// </summary>
public sealed class TestClients(BotDbContext db, TimeProvider time)
{
    public const int MaxPerOwner = 20;

    /// <summary>The caller's open test clients.</summary>
    public IQueryable<Client> Of(ClaimsPrincipal user)
    {
        var me = user.Id();
        return db.Clients.Where(c => c.TestOwnerId == me && c.ClosedAt == null);
    }

    /// <summary>
    /// A new test client for <paramref name="user"/>, as a newcomer (the first message starts onboarding), in the
    /// programme of the caller's own clients or else the first one. A mentor is its mentor, so it shows in their caseload.
    /// </summary>
    public async Task<Outcome<Client>> CreateAsync(ClaimsPrincipal user, string? firstName, string? language, CancellationToken cancellationToken)
    {
        if (language is not (null or "nl" or "en"))
        {
            return Outcome.Invalid<Client>("language", "Use nl or en.");
        }

        var me = user.Id();
        if (await Of(user).CountAsync(cancellationToken) >= MaxPerOwner)
        {
            return Outcome.Conflict<Client>($"You have {MaxPerOwner} test clients already: close one on its case page first.");
        }

        var programme = await db.Programmes.Where(p => p.Clients.Any(c => c.MentorId == me)).OrderBy(p => p.Id).FirstOrDefaultAsync(cancellationToken)
                        ?? await db.Programmes.OrderBy(p => p.Id).FirstOrDefaultAsync(cancellationToken);
        if (programme is null)
        {
            return Outcome.Conflict<Client>("There is no programme yet: a coordinator starts one first.");
        }

        var name = firstName?.Trim();
        var now = time.GetUtcNow();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var used = await db.Clients.Where(c => c.ClosedAt == null && c.TestOwnerId != null).Select(c => c.Phone).ToListAsync(cancellationToken);
            var free = Enumerable.Range(0, TestNumbers.Count).Select(TestNumbers.Number).Except(used).ToList();
            if (free.Count == 0)
            {
                return Outcome.Conflict<Client>("Every test number is in use: close some test clients first.");
            }

            var client = new Client
            {
                ProgrammeId = programme.Id, MentorId = user.IsInRole(Roles.Mentor) ? me : null, TestOwnerId = me,
                Phone = free[Random.Shared.Next(free.Count)], FirstName = string.IsNullOrEmpty(name) ? null : name[..Math.Min(name.Length, 100)],
                Language = language ?? "nl", Channel = Channel.Simulator, TimeZone = programme.TimeZone, CreatedAt = now,
            };
            db.Clients.Add(client);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another test client took this number at the same moment: the unique index chose. Anything else is a failure.
                db.Entry(client).State = EntityState.Detached;
                if (await db.Clients.AnyAsync(c => c.Phone == client.Phone && c.ClosedAt == null, cancellationToken))
                {
                    continue;
                }

                throw;
            }

            await AuditAsync(user, AuditAction.SimulatorClientCreate, client.Id, cancellationToken);
            return Outcome.Done(client);
        }

        return Outcome.Conflict<Client>("Every number tried was taken at the same moment: try again.");
    }

    public Task AuditAsync(ClaimsPrincipal user, AuditAction action, int clientId, CancellationToken cancellationToken)
    {
        db.AuditEntries.Add(new AuditEntry { At = time.GetUtcNow(), Actor = user.Id(), Action = action, Subject = $"client:{clientId}" });
        return db.SaveChangesAsync(cancellationToken);
    }
}
