using Microsoft.Extensions.Options;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Conversations;

namespace MobilityMentoring.Bot.Dialogs;

/// <summary>
/// The info page changed (a new <see cref="Programme.InfoVersion"/>): the planner asks, once and in place of a
/// check-in, whether the client still agrees. Yes keeps everything as it was; no is a goodbye as after STOP, which the
/// mentor sees as an opt-out flag. A client who does not answer keeps the consent they gave, and is not asked again.
/// </summary>
public sealed class ConsentRenewalDialog(IOptions<DialogOptions> options) : IDialog
{
    public const string DialogId = "consent-renewal";
    private const string QuestionKey = "consent.renew";
    private const string VersionValue = "version";

    public string Id => DialogId;

    /// <summary>The info version <paramref name="client"/> still has to be asked about, or null.</summary>
    public static string? VersionToAsk(Client client, Programme programme) =>
        client.ConsentAt is not null && client.ConsentVersion != programme.InfoVersion && client.ConsentAskedVersion != programme.InfoVersion
            ? programme.InfoVersion
            : null;

    public async Task<DialogStatus> BeginAsync(DialogContext dialog, CancellationToken cancellationToken)
    {
        var client = dialog.Turn.Client!;
        var programme = await dialog.Turn.Db.Programmes.FindAsync([client.ProgrammeId], cancellationToken);
        client.ConsentAskedVersion = programme!.InfoVersion;
        dialog.Values[VersionValue] = programme.InfoVersion;
        var link = ConsentEvidence.InfoLink(programme, options.Value);
        var key = link.Length == 0 ? QuestionKey + ".nolink" : QuestionKey;
        return await dialog.AskAsync(key, "renew", new Dictionary<string, string> { ["link"] = link }, cancellationToken, "yes", "no");
    }

    public async Task<DialogStatus> ContinueAsync(DialogContext dialog, CancellationToken cancellationToken)
    {
        var turn = dialog.Turn;
        var client = turn.Client!;
        var (key, arguments) = dialog.LastQuestion ?? (QuestionKey, new Dictionary<string, string>());
        var version = dialog.GetString(VersionValue);
        switch (dialog.Choice)
        {
            case "yes":
                await turn.RecordConsentAsync(ConsentAnswer.Given, key, arguments.GetValueOrDefault("link"), version, cancellationToken);
                await dialog.SayAsync("consent.renewed", null, cancellationToken);
                return DialogStatus.Complete;

            case "no":
                await turn.RecordConsentAsync(ConsentAnswer.Declined, key, arguments.GetValueOrDefault("link"), version, cancellationToken);
                await dialog.SayAsync("consent.declined", null, cancellationToken);
                client.OptedOutAt = turn.Now;
                client.OptedOutVia = ChannelIds.ToChannel(turn.Activity.ChannelId);
                turn.Db.Flags.Add(new Flag { ClientId = client.Id, Kind = FlagKind.OptedOut, RaisedAt = turn.Now, Note = "did not agree to the new info page" });
                return DialogStatus.Complete;

            default:
                return await BeginAsync(dialog, cancellationToken);
        }
    }
}
