using System.ComponentModel.DataAnnotations;

namespace MobilityMentoring.Bot.Conversations;

public sealed class DialogOptions : IValidatableObject
{
    public const string Section = "Dialogs";

    /// <summary>The dialog a message starts when no dialog is waiting for an answer.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Dialogs:RootDialog names the dialog a message starts (main).")]
    public string RootDialog { get; set; } = "main";

    /// <summary>Folder with the content (messages, keywords) per language. Empty: the dialogs/ folder shipped with the service.</summary>
    public string? Directory { get; set; }

    /// <summary>The page about the bot and privacy named in the welcome message, for programmes without their own.</summary>
    public string InfoUrl { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(Directory) && !System.IO.Directory.Exists(Directory))
        {
            yield return new ValidationResult($"Dialogs:Directory {Directory} does not exist.", [nameof(Directory)]);
        }

        if (!Coaching.Programmes.ProgrammeRules.IsValidInfoUrl(InfoUrl))
        {
            yield return new ValidationResult(
                $"Dialogs:InfoUrl must be an absolute web address of at most {Coaching.Programmes.ProgrammeRules.MaxInfoUrlLength} characters (it goes into one SMS).", [nameof(InfoUrl)]);
        }
    }
}
