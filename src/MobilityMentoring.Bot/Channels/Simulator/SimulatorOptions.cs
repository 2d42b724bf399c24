namespace MobilityMentoring.Bot.Channels.Simulator;

public sealed class SimulatorOptions
{
    public const string Section = "Simulator";

    /// <summary>Serve /simulator at all. It is for signed-in staff only, and talks only as their own test clients.</summary>
    public bool Enabled { get; set; } = true;
}
