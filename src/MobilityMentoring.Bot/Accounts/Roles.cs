namespace MobilityMentoring.Bot.Accounts;

public static class Roles
{
    public const string Mentor = nameof(Mentor);
    public const string Coordinator = nameof(Coordinator);
    public const string Admin = nameof(Admin);

    public static readonly string[] All = [Mentor, Coordinator, Admin];
}
