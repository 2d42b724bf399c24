using Microsoft.AspNetCore.Identity;

namespace MobilityMentoring.Bot.Accounts;

/// <summary>A mentor, coordinator or admin who signs in to the dashboard.</summary>
public sealed class BotUser : IdentityUser
{
    /// <summary>The name clients see in messages ("Je mentor Sanne…").</summary>
    public string? FirstName { get; set; }
    public string Language { get; set; } = "nl";
}
