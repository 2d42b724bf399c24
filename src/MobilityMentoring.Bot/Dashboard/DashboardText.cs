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
        ["goals"] = ("Doelen en stappen", "Goals and steps"),
        ["pillar.FamilyStability"] = ("Gezin en wonen", "Family and home"),
        ["pillar.WellBeing"] = ("Welzijn", "Well-being"),
        ["pillar.FinancialManagement"] = ("Geld", "Money"),
        ["pillar.EducationAndTraining"] = ("Leren", "Learning"),
        ["pillar.EmploymentAndCareer"] = ("Werk", "Work"),
        ["status.Active"] = ("gepland", "planned"),
        ["status.Done"] = ("gedaan", "done"),
        ["status.Dropped"] = ("vervangen", "replaced"),
        ["status.Draft"] = ("concept", "draft"),
        ["openflags"] = ("Meldingen", "Flags"),
        ["handled"] = ("Afgehandeld", "Handled"),
        ["rewards"] = ("Beloningen", "Rewards"),
        ["approve"] = ("Goedkeuren", "Approve"),
        ["evidence"] = ("Bewijs (wat heeft de cliënt gedaan?)", "Evidence (what did the client do?)"),
        ["approved"] = ("goedgekeurd", "approved"),
        ["pending"] = ("wacht op goedkeuring", "waiting for approval"),
        ["checkins"] = ("Vragen over stappen", "Check-ins"),
        ["outcome.Done"] = ("gedaan", "done"),
        ["outcome.NotYet"] = ("nog niet", "not yet"),
        ["outcome.NeedHelp"] = ("hulp", "help"),
        ["outcome.none"] = ("geen antwoord", "no answer"),
        ["transcript"] = ("Gesprek", "Conversation"),
        ["reply"] = ("Bericht aan cliënt", "Message to the client"),
        ["send"] = ("Versturen", "Send"),
        ["override"] = ("Ook in de stille uren versturen", "Send during quiet hours too"),
        ["sent.Sent"] = ("Verstuurd.", "Sent."),
        ["sent.WaitsForMorning"] = ("Het is stille tijd: het bericht gaat morgenochtend weg.", "Quiet hours: the message goes out in the morning."),
        ["sent.OptedOut"] = ("Niet verstuurd: de cliënt heeft zich afgemeld.", "Not sent: the client opted out."),
        ["sent.Empty"] = ("Schrijf eerst een bericht (hooguit 1600 tekens).", "Write a message first (at most 1600 characters)."),
        ["handoff.take"] = ("Ik neem het gesprek over (de bot zwijgt)", "I take over the conversation (the bot stays silent)"),
        ["handoff.return"] = ("Gesprek teruggeven aan de bot", "Hand the conversation back to the bot"),
        ["handoff.active"] = ("U heeft het gesprek overgenomen: de bot antwoordt niet.", "You took over: the bot does not answer."),
        ["back"] = ("Terug naar mijn cliënten", "Back to my clients"),
        ["week.summary"] = ("{0} gedaan, {1} nog niet, {2} geen antwoord", "{0} done, {1} not yet, {2} no answer"),
    }.ToFrozenDictionary();

    public string Language { get; } = language == "en" ? "en" : "nl";

    public string this[string key] => Texts.TryGetValue(key, out var text) ? (Language == "en" ? text.En : text.Nl) : key;
}
