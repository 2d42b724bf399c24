using MobilityMentoring.Bot.Dialogs.Safety;

namespace MobilityMentoring.Bot.Tests.Dialogs;

/// <summary>The crisis net on single messages: the texts behind issue 12, its idioms, and how the patterns read words.</summary>
public sealed class CrisisNetTests
{
    [Theory]
    [InlineData("ik ben liever dood", CrisisKind.Suicide)]
    [InlineData("ik wil mn leven beeindigen", CrisisKind.Suicide)]
    [InlineData("ik heb pillen genomen", CrisisKind.Medical)]
    [InlineData("hij dreigt me te vermoorden", CrisisKind.Violence)]
    [InlineData("mijn vriend heeft me geslagen", CrisisKind.Violence)]
    [InlineData("I don't want to live anymore", CrisisKind.Suicide)]
    [InlineData("I want to end it all", CrisisKind.Suicide)]
    [InlineData("I feel like hurting myself", CrisisKind.SelfHarm)]
    [InlineData("suicidal", CrisisKind.Suicide)]
    [InlineData("I took pills", CrisisKind.Medical)]
    [InlineData("he threatened to kill me", CrisisKind.Violence)]
    [InlineData("ik wil echt helemaal niet meer leven", CrisisKind.Suicide)]
    [InlineData("k wil nie meer leven", CrisisKind.Suicide)]
    [InlineData("heb zelfmoordgedachten", CrisisKind.Suicide)]
    [InlineData("ik heb een afscheidsbrief geschreven", CrisisKind.Suicide)]
    [InlineData("ik denk aan zelfmoort", CrisisKind.Suicide)]
    [InlineData("ik wil er niet meer zijn", CrisisKind.Suicide)]
    [InlineData("iedereen is beter af zonder mij", CrisisKind.Suicide)]
    [InlineData("ik wil nooit meer wakker worden", CrisisKind.Suicide)]
    [InlineData("ik spring van de flat", CrisisKind.Suicide)]
    [InlineData("mijn man sloeg me gisteren", CrisisKind.Violence)]
    [InlineData("myn ex heeft me weer geslagen", CrisisKind.Violence)]
    [InlineData("ik heb mezelf gesneden", CrisisKind.SelfHarm)]
    [InlineData("ik heb al mijn slaappillen ingenomen, ik wil dood", CrisisKind.Medical)]
    public void The_texts_the_old_net_missed_get_the_helplines(string text, CrisisKind kind) =>
        Assert.Equal((CrisisLevel.Clear, kind), Level(text));

    [Theory]
    [InlineData("ik zie het niet meer zitten")]
    [InlineData("het hoeft voor mij niet meer")]
    [InlineData("ik trek het niet meer")]
    [InlineData("ik kan niet meer")]
    [InlineData("I can't take it anymore")]
    public void Words_that_may_mean_suicide_get_the_gentle_question(string text) =>
        Assert.Equal(CrisisLevel.Possible, ShippedContent.Crisis.Detect(text)?.Level);

    [Theory]
    [InlineData("ik ben doodmoe")]
    [InlineData("ik ga dood van het lachen")]
    [InlineData("die rekening maakt me kapot")]
    [InlineData("this step is killing me")]
    [InlineData("I hit the deadline")]
    [InlineData("ik sla deze week over")]
    [InlineData("ik kan de huur niet meer betalen")]
    [InlineData("ik heb mijn pillen genomen en ga slapen")]
    [InlineData("dat slaat nergens op")]
    [InlineData("nee hoor ik wil mezelf niks aandoen")]
    [InlineData("ik ben gestopt met roken")]
    [InlineData("ik werk aan mijn veerkracht")]
    [InlineData("ik heb me in mijn vinger gesneden bij het koken")]
    public void Idioms_and_everyday_messages_are_not_crises(string text) =>
        Assert.Null(ShippedContent.Crisis.Detect(text));

    [Theory]
    [InlineData("I want to die", "en")]
    [InlineData("ik wil dood", "nl")]
    [InlineData("ik denk aan suicide", "nl")]
    [InlineData("thinking about suicide", "en")]
    public void The_signal_says_which_language_the_words_were_in(string text, string language) =>
        Assert.Equal(language, ShippedContent.Crisis.Detect(text)?.Language);

    [Fact]
    public void Masked_idiom_words_block_a_gap_so_an_accident_is_not_self_harm()
    {
        Assert.Null(ShippedContent.Crisis.Detect("ik heb me in mijn vinger gesneden"));
        Assert.Equal(CrisisKind.SelfHarm, ShippedContent.Crisis.Detect("ik heb me weer gesneden")?.Kind);
    }

    private static (CrisisLevel?, CrisisKind?) Level(string text) =>
        ShippedContent.Crisis.Detect(text) is { } signal ? (signal.Level, signal.Kind) : (null, null);
}
