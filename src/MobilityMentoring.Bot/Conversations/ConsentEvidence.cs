using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;

namespace MobilityMentoring.Bot.Conversations;

/// <summary>Writes the evidence of a client's consent answer (<see cref="ConsentRecord"/>) in the turn that received it.</summary>
public static class ConsentEvidence
{
    /// <summary>The page about the bot and privacy a consent question names: the programme's own, else Dialogs:InfoUrl (may be empty).</summary>
    public static string InfoLink(Programme? programme, DialogOptions options) =>
        programme?.InfoUrl is { Length: > 0 } own ? own : options.InfoUrl;

    /// <summary>
    /// Records <paramref name="answer"/> to <paramref name="question"/> about <paramref name="infoVersion"/> (the
    /// programme's current one when null); a consent given is then the client's current one.
    /// </summary>
    public static async Task RecordConsentAsync(
        this ITurnContext turn, ConsentAnswer answer, string question, string? infoUrl, string? infoVersion, CancellationToken cancellationToken)
    {
        var client = turn.Client!;
        var version = infoVersion ?? (await turn.Db.Programmes.FindAsync([client.ProgrammeId], cancellationToken))?.InfoVersion ?? "1";
        turn.Db.ConsentRecords.Add(new ConsentRecord
        {
            ClientId = client.Id,
            At = turn.Now,
            Answer = answer,
            Question = question,
            Language = client.Language,
            InfoVersion = version,
            InfoUrl = string.IsNullOrEmpty(infoUrl) ? null : infoUrl,
            MessageId = (turn.Activity.ChannelData as InboundDetails)?.MessageId,
            Channel = ChannelIds.ToChannel(turn.Activity.ChannelId),
        });
        if (answer == ConsentAnswer.Given)
        {
            client.ConsentVersion = version;
        }
    }
}
