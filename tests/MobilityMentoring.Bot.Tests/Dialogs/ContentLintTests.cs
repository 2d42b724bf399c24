using MobilityMentoring.Bot.Dialogs;
using MobilityMentoring.Bot.Dialogs.Lint;

namespace MobilityMentoring.Bot.Tests.Dialogs;

public sealed class ContentLintTests
{
    [Fact]
    public void Every_shipped_message_in_every_language_passes_the_content_check()
    {
        var problems = ContentLint.Check(ShippedContent.Content);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Equal(["en", "nl"], ShippedContent.Content.Languages.Order());
    }

    [Theory]
    [InlineData("missing", "missing in this language")]
    [InlineData("placeholders", "placeholders differ from en")]
    [InlineData("long", "does not fit one SMS")]
    [InlineData("accent", "makes it UCS-2")]
    [InlineData("questions", "asks 2 questions")]
    [InlineData("hard", "Flesch-Douma reading ease")]
    [InlineData("sentence", "has a sentence of 21 words")]
    [InlineData("blocked", "blocked word 'boete'")]
    [InlineData("unknown", "has no maximum length")]
    public void A_message_that_breaks_a_rule_is_named_with_the_reason(string key, string reason)
    {
        var nl = new Dictionary<string, string>
        {
            ["placeholders"] = "Hoi {name}, hoe gaat het?",
            ["long"] = "Dit is een kort bericht. " + string.Concat(Enumerable.Repeat("Nog een zin. ", 12)) + "{step}",
            ["accent"] = "Heb je de financiële brief gelezen? Je mentor {mentor} kan helpen als het lastig is voor jou nu.",
            ["questions"] = "Hoe gaat het? Lukt het?",
            ["hard"] = "Gemeentelijke schuldhulpverleningsorganisaties communiceren administratieve informatievoorziening.",
            ["sentence"] = "Ik vraag je dit omdat ik wil weten of je het fijn vindt als ik je elke week een bericht stuur.",
            ["blocked"] = "Je krijgt geen boete.",
            ["unknown"] = "Hoi {iban}.",
        };
        var en = nl.Where(m => m.Key != "missing").ToDictionary(m => m.Key, m => m.Key == "placeholders" ? "Hi {mentor}" : "Fine.");
        nl["missing"] = "Hoi.";
        var content = new DialogContent(
            new Dictionary<string, LanguageContent>
            {
                ["nl"] = new(nl, new Dictionary<string, string[]>(), new Dictionary<string, string[]>(), ["boete"]),
                ["en"] = new(en, new Dictionary<string, string[]>(), new Dictionary<string, string[]>(), []),
            },
            new Dictionary<string, int> { ["name"] = 20, ["mentor"] = 20, ["step"] = 45 });

        var problems = ContentLint.Check(content);

        var problem = Assert.Single(problems, p => p.Key == key && p.Reason.Contains(reason, StringComparison.Ordinal));
        Assert.StartsWith($"{problem.Language}/{key}: ", problem.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("De brief is open.", "nl", 4, 5)]
    [InlineData("financiële", "nl", 1, 5)]
    [InlineData("Make a little walk.", "en", 4, 5)]
    public void Readability_counts_words_and_syllables(string text, string language, int words, int syllables)
    {
        var readability = Readability.Of(text, language);

        Assert.Equal(words, readability.Words);
        Assert.Equal(syllables, readability.Syllables);
    }

    [Fact]
    public void A_long_step_in_the_clients_own_words_is_shortened_so_the_message_still_fits_one_SMS()
    {
        var step = "de brief van de gemeente over de huurtoeslag openen en lezen en dan 🙂 mijn mentor bellen";

        var text = ShippedContent.Content.Render("nl", "checkin.ask", new Dictionary<string, string> { ["name"] = "Fatima", ["step"] = step });

        Assert.Equal(1, MobilityMentoring.Bot.Channels.SmsSegments.Count(text).Segments);
        Assert.Contains("de brief van de", text, StringComparison.Ordinal);
        Assert.Contains("...", text, StringComparison.Ordinal);
    }
}
