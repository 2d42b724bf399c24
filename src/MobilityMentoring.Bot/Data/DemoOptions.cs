namespace MobilityMentoring.Bot.Data;

/// <summary>The demo mentor's sign-in. Used only when demo data is loaded: in Development (embedded default, or --seed-demo).</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    public string MentorEmail { get; set; } = "mentor@demo.local";
    public string MentorPassword { get; set; } = "Mentor-demo-2026";
}
