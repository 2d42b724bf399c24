namespace MobilityMentoring.Bot.Conversations;

public enum DialogStatus
{
    /// <summary>The dialog asked something and waits for the client's next message.</summary>
    Waiting,

    /// <summary>The dialog is done; the next message starts the root dialog again.</summary>
    Complete,
}

/// <summary>A conversation with a purpose (onboarding, a check-in …). One file per dialog under Dialogs/.</summary>
public interface IDialog
{
    string Id { get; }

    Task<DialogStatus> BeginAsync(DialogContext dialog, CancellationToken cancellationToken);

    Task<DialogStatus> ContinueAsync(DialogContext dialog, CancellationToken cancellationToken);
}
