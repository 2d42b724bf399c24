using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Reminders;

namespace MobilityMentoring.Bot.Tests.Infrastructure;

/// <summary>
/// One client's side of a conversation through the real pipeline: a signed webhook in, the replies the turn wrote
/// to the outbox out (read from the database, so nothing waits for the dispatcher).
/// </summary>
public sealed class Chat(TwilioAppFactory app, string phone)
{
    private long lastSeen;

    public string Phone => phone;

    /// <summary>Every message the bot sent so far in this chat.</summary>
    public List<string> Transcript { get; } = [];

    public async Task<IReadOnlyList<string>> SendAsync(string text, string? messageSid = null)
    {
        using var response = await app.ReceiveAsync(phone, text, messageSid);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await NewRepliesAsync();
    }

    /// <summary>Sends <paramref name="text"/> and returns the one reply it must get.</summary>
    public async Task<string> SayAsync(string text) => Assert.Single(await SendAsync(text));

    /// <summary>Messages to this client written since the last look (replies and bot-started ones).</summary>
    public async Task<IReadOnlyList<string>> NewRepliesAsync()
    {
        await using var scope = app.NewScope();
        var replies = await scope.Db.Messages
            .Where(m => m.Direction == MessageDirection.Outbound && m.To == phone && m.Id > lastSeen)
            .OrderBy(m => m.Id).Select(m => new { m.Id, m.Body }).ToListAsync();
        if (replies.Count > 0)
        {
            lastSeen = replies[^1].Id;
        }

        Transcript.AddRange(replies.Select(r => r.Body));
        return [.. replies.Select(r => r.Body)];
    }

    /// <summary>Starts a check-in on <paramref name="stepId"/> now, as the reminders planner will.</summary>
    public async Task<CheckInStart> CheckInAsync(int stepId)
    {
        await using var scope = app.NewScope();
        return await scope.Services.GetRequiredService<CheckInStarter>().StartAsync(stepId, app.Time.GetUtcNow(), CancellationToken.None);
    }
}
