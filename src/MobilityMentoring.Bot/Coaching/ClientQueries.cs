using MobilityMentoring.Bot.Channels;

namespace MobilityMentoring.Bot.Coaching;

public static class ClientQueries
{
    /// <summary>The open cases of this phone, newest first: a number that joined more than one programme talks to the newest.</summary>
    public static IQueryable<Client> WithPhone(this IQueryable<Client> clients, PhoneNumber phone) =>
        clients.Where(c => c.Phone == phone && c.ClosedAt == null).OrderByDescending(c => c.CreatedAt);
}
