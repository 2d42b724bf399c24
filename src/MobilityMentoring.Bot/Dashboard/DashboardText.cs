using System.Collections.Frozen;

namespace MobilityMentoring.Bot.Dashboard;

/// <summary>The dashboard's own words, in the signed-in user's language (Dutch unless they chose English).</summary>
public sealed class DashboardText(string language)
{
    private static readonly FrozenDictionary<string, (string Nl, string En)> Texts = new Dictionary<string, (string, string)>
    {
        ["app"] = ("Mobility Mentoring", "Mobility Mentoring"),
        ["signin"] = ("Inloggen", "Sign in"),
        ["signout"] = ("Uitloggen", "Sign out"),
        ["email"] = ("E-mailadres", "Email"),
        ["password"] = ("Wachtwoord", "Password"),
        ["signin.wrong"] = ("E-mailadres of wachtwoord klopt niet.", "Wrong email or password."),
        ["signin.locked"] = ("Te vaak mis. Probeer het over een kwartier opnieuw.", "Too many tries. Try again in a quarter of an hour."),
        ["caseload"] = ("Mijn cliënten", "My clients"),
        ["caseload.all"] = ("Alle cliënten", "All clients"),
        ["caseload.none"] = ("Geen cliënten om te tonen.", "No clients to show."),
        ["client"] = ("Cliënt", "Client"),
        ["flags"] = ("Let op", "Attention"),
        ["lastcontact"] = ("Laatste bericht", "Last message"),
        ["step"] = ("Huidige stap", "Current step"),
        ["week"] = ("Deze week", "This week"),
        ["points"] = ("Punten", "Points"),
        ["search"] = ("Zoeken", "Search"),
        ["filter.all"] = ("Iedereen", "Everyone"),
        ["filter.flagged"] = ("Met melding", "Flagged"),
        ["filter.overdue"] = ("Stap over tijd", "Step overdue"),
        ["flag.Crisis"] = ("Crisis", "Crisis"),
        ["flag.Help"] = ("Hulp gevraagd", "Asked for help"),
        ["flag.Unreachable"] = ("Onbereikbaar", "Unreachable"),
        ["flag.NoAnswer"] = ("Geen antwoord", "No answer"),
        ["flag.OptedOut"] = ("Afgemeld", "Opted out"),
        ["flag.other"] = ("Melding", "Flag"),
        ["overdue"] = ("over tijd", "overdue"),
        ["never"] = ("nog nooit", "never"),
        ["week.summary"] = ("{0} gedaan, {1} nog niet, {2} geen antwoord", "{0} done, {1} not yet, {2} no answer"),
    }.ToFrozenDictionary();

    public string Language { get; } = language == "en" ? "en" : "nl";

    public string this[string key] => Texts.TryGetValue(key, out var text) ? (Language == "en" ? text.En : text.Nl) : key;
}
