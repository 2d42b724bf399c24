namespace MobilityMentoring.Bot.Dialogs.Safety;

/// <summary>The kinds in the order the net answers them when a message holds more than one: 112 first.</summary>
public enum CrisisKind { Medical, Violence, Suicide, SelfHarm }

/// <summary>Clear: the helplines at once. Possible: a gentle question first ("Denk je eraan om jezelf iets aan te doen?").</summary>
public enum CrisisLevel { Possible, Clear }

/// <summary>What the crisis net found in a message, and in which language's patterns.</summary>
public sealed record CrisisSignal(CrisisLevel Level, CrisisKind Kind, string Language)
{
    public static string KeyOf(CrisisKind kind) => kind switch
    {
        CrisisKind.Medical => "medical",
        CrisisKind.Violence => "violence",
        CrisisKind.Suicide => "suicide",
        _ => "selfharm",
    };

    /// <summary>The message in dialogs/ that answers it: crisis.suicide …, or crisis.possible for the gentle question.</summary>
    public string MessageKey => Level == CrisisLevel.Possible ? "crisis.possible" : "crisis." + KeyOf(Kind);
}
