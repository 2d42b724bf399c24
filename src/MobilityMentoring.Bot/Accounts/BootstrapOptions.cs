using System.ComponentModel.DataAnnotations;

namespace MobilityMentoring.Bot.Accounts;

/// <summary>The first coordinator account, created only when the database has no users at all.</summary>
public sealed class BootstrapOptions : IValidatableObject
{
    public const string Section = "Bootstrap";

    [EmailAddress(ErrorMessage = "Bootstrap:AdminEmail must be an e-mail address.")]
    public string? AdminEmail { get; set; }

    public string? AdminPassword { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(AdminEmail) && string.IsNullOrWhiteSpace(AdminPassword))
        {
            yield return new ValidationResult(
                "Bootstrap:AdminPassword is required when Bootstrap:AdminEmail is set.", [nameof(AdminPassword)]);
        }
    }
}
