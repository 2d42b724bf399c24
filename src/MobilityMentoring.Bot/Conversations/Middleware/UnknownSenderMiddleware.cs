using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Coaching.Clients;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Dialogs;
using MobilityMentoring.Bot.Dialogs.Understanding;

namespace MobilityMentoring.Bot.Conversations.Middleware;

/// <summary>
/// A number we do not know: a programme's join keyword (e.g. DOEMEE) makes it a client of that programme, with the
/// least busy mentor of that programme, and onboarding starts. Anything else gets one polite answer a day (how
/// to join through a mentor, in the language the message was written in), never an error, and never a stream of
/// replies that costs money.
/// </summary>
public sealed class UnknownSenderMiddleware(DialogContent content, LanguageGuess languages) : IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turn, NextDelegate next, CancellationToken cancellationToken)
    {
        if (turn.Client is not null || turn.Activity.Type != ActivityTypes.Message)
        {
            await next(cancellationToken);
            return;
        }

        if (await JoinAsync(turn, cancellationToken) is { } newcomer)
        {
            turn.UseClient(newcomer);
            await next(cancellationToken);
            return;
        }

        var address = turn.Activity.From.Id;
        var since = turn.Now.AddDays(-1);
        var answeredToday = await turn.Db.Messages.AnyAsync(
            m => m.Direction == MessageDirection.Outbound && m.To == address && m.CreatedAt > since, cancellationToken);
        if (!answeredToday)
        {
            await turn.ReplyInAsync(languages.Of(turn.Utterance(content)), content, "unknown.sender", cancellationToken: cancellationToken);
        }
    }

    private static async Task<Client?> JoinAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        // Test clients are made in the simulator, never by a join keyword; and a real client never comes from the simulator.
        if (turn.Activity.ChannelId == ChannelIds.Simulator)
        {
            return null;
        }

        var word = Keyword.Normalize(turn.Activity.Text);
        if (word.Length == 0 || word.Length > 32
            || !PhoneNumber.TryParseProviderAddress(turn.Activity.From.Id, out var phone, out _)
            || phone.IsTestNumber()
            || await turn.Db.Programmes.FirstOrDefaultAsync(p => p.JoinKeyword == word, cancellationToken) is not { } programme)
        {
            return null;
        }

        var client = new Client
        {
            ProgrammeId = programme.Id,
            Phone = phone,
            Channel = ChannelIds.ToChannel(turn.Activity.ChannelId),
            Mentor = await LeastBusyMentorAsync(turn.Db, programme.Id, cancellationToken),
            TimeZone = programme.TimeZone,
            CreatedAt = turn.Now,
            LastInboundAt = turn.Now, // this message opens the WhatsApp window for the welcome
        };
        turn.Db.Clients.Add(client);
        await turn.Db.SaveChangesAsync(cancellationToken); // the conversation state needs the client's id
        return client;
    }

    private static async Task<BotUser?> LeastBusyMentorAsync(BotDbContext db, int programmeId, CancellationToken cancellationToken)
    {
        var mentors =
            from user in db.Users
            join userRole in db.UserRoles on user.Id equals userRole.UserId
            join role in db.Roles on userRole.RoleId equals role.Id
            where role.Name == Roles.Mentor
            select user;

        // Mentors who already work in this programme first (the least busy of them); any mentor when it has none yet.
        // Only real clients count: a test client is practice.
        return await mentors
                   .Where(m => db.Clients.Any(c => c.MentorId == m.Id && c.ProgrammeId == programmeId && c.TestOwnerId == null))
                   .OrderBy(m => db.Clients.Count(c => c.MentorId == m.Id && c.ProgrammeId == programmeId && c.ClosedAt == null && c.TestOwnerId == null))
                   .ThenBy(m => m.Id)
                   .FirstOrDefaultAsync(cancellationToken)
               ?? await mentors.OrderBy(m => m.Id).FirstOrDefaultAsync(cancellationToken);
    }
}
