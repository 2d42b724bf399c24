using YamlDotNet.Serialization;

namespace MobilityMentoring.Bot.Dialogs.Safety;

/// <summary>dialogs/{language}/crisis.yaml: word groups, idioms that are no crisis, and the patterns per level and kind.</summary>
public sealed class CrisisContent
{
    /// <summary>Word groups: <c>@name</c> in a pattern stands for any of them (inflections, people, pills …).</summary>
    [YamlMember(Alias = "words")]
    public Dictionary<string, string[]> Words { get; set; } = [];

    /// <summary>Idioms ("doodmoe", "dood van het lachen", "this step is killing me"): their words count for no crisis.</summary>
    [YamlMember(Alias = "not")]
    public string[] Not { get; set; } = [];

    /// <summary>Clear crises per kind (suicide, selfharm, medical, violence): the helplines at once.</summary>
    [YamlMember(Alias = "clear")]
    public Dictionary<string, string[]> Clear { get; set; } = [];

    /// <summary>Real words that look like a typo of a crisis word ("gestopt", "gestompt"): read only as themselves.</summary>
    [YamlMember(Alias = "realwords")]
    public string[] RealWords { get; set; } = [];

    /// <summary>
    /// Per kind, families of signs that are not enough alone but clear together: a means ("touw", "de gaskraan open")
    /// with a farewell ("mijn laatste bericht", "zeg tegen mijn zoon dat ik van hem hou"). Two families agree: clear.
    /// </summary>
    [YamlMember(Alias = "together")]
    public Dictionary<string, Dictionary<string, string[]>> Together { get; set; } = [];

    /// <summary>Possible crises ("ik kan niet meer"): one gentle question first.</summary>
    [YamlMember(Alias = "possible")]
    public string[] Possible { get; set; } = [];
}
