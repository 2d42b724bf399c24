using MobilityMentoring.Bot.Channels;

namespace MobilityMentoring.Bot.Coaching;

public static class ClientQueries
{
    /// <summary>
    /// The open cases of this phone, newest first: a number that joined more than one programme talks to the newest.
    /// A message from the simulator (<paramref name="simulated"/>) finds only test clients, SMS and WhatsApp only real ones.
    /// </summary>
    /// <summary>Real clients only: no simulator test client (money, real mentors' caseloads and reports are for them).</summary>
    public static IQueryable<Client> Real(this IQueryable<Client> clients) => clients.Where(c => c.TestOwnerId == null);

    public static IQueryable<Client> WithPhone(this IQueryable<Client> clients, PhoneNumber phone, bool simulated) =>
        clients.Where(c => c.Phone == phone && c.ClosedAt == null && (c.TestOwnerId != null) == simulated).OrderByDescending(c => c.CreatedAt);
}
