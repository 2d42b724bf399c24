using System.ComponentModel.DataAnnotations;

namespace MobilityMentoring.Bot.Accounts;

/// <summary>How often anyone may try to sign in (dashboard form and /api/auth alike), and what authenticator apps show.</summary>
public sealed class SignInOptions
{
    public const string Section = "SignIn";

    /// <summary>Attempts per minute from one address (an IPv6 address counts by its /64), on all sign-in steps together.</summary>
    [Range(1, 10_000, ErrorMessage = "SignIn:PerAddressPerMinute must be between 1 and 10000.")]
    public int PerAddressPerMinute { get; set; } = 10;

    /// <summary>Attempts per minute for one e-mail address, whichever addresses they come from.</summary>
    [Range(1, 1_000, ErrorMessage = "SignIn:PerAccountPerMinute must be between 1 and 1000.")]
    public int PerAccountPerMinute { get; set; } = 5;

    /// <summary>The name an authenticator app shows next to the account.</summary>
    [Required(ErrorMessage = "SignIn:AuthenticatorIssuer is required.")]
    [StringLength(60, ErrorMessage = "SignIn:AuthenticatorIssuer must be at most 60 characters.")]
    public string AuthenticatorIssuer { get; set; } = "Mobility Mentoring";
}
