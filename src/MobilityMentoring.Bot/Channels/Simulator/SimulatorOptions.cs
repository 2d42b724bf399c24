namespace MobilityMentoring.Bot.Channels.Simulator;

public sealed class SimulatorOptions
{
    public const string Section = "Simulator";

    /// <summary>Serve /simulator at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Only signed-in staff may use it. The simulator can speak as any phone number: keep this on in production.</summary>
    public bool RequireSignIn { get; set; } = true;
}
