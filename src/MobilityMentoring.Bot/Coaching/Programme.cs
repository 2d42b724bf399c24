namespace MobilityMentoring.Bot.Coaching;

/// <summary>A coaching programme run by a municipality or agency: its clients share join keyword, rewards and cadence.</summary>
public sealed class Programme
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The word a newcomer texts to join, e.g. DOEMEE. Unique across programmes, stored upper case.</summary>
    public string? JoinKeyword { get; set; }

    /// <summary>IANA time zone for the programme's clients unless a client has their own.</summary>
    public string TimeZone { get; set; } = "Europe/Amsterdam";

    /// <summary>The page about the bot and privacy named in the welcome message; empty: Dialogs:InfoUrl.</summary>
    public string? InfoUrl { get; set; }

    /// <summary>
    /// Which version of that page clients agree to. A coordinator raises it when the page changes materially; each
    /// client who agreed to an earlier one is asked again once, at their next check-in.
    /// </summary>
    public string InfoVersion { get; set; } = "1";

    public int PointsPerStep { get; set; } = 10;
    public int MilestoneEvery { get; set; } = 50;

    /// <summary>What a milestone pays once a mentor approves it; null: a reward without money (a certificate, a call).</summary>
    public decimal? MilestoneAmount { get; set; }
    /// <summary>When and how often the bot reaches out to this programme's clients.</summary>
    public Reminders.Cadence Cadence { get; set; } = new();

    public DateTimeOffset CreatedAt { get; set; }

    public List<Client> Clients { get; } = [];
}
