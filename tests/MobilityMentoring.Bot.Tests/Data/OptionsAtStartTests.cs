using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Data;

/// <summary>A setting that cannot work stops the service at start with its key named, not hours later in a job.</summary>
public sealed class OptionsAtStartTests
{
    [Theory]
    [InlineData("Outbox:BatchSize", "0")]
    [InlineData("Outbox:SendConcurrency", "-1")]
    [InlineData("Outbox:PollInterval", "00:00:00")]
    [InlineData("Outbox:InDoubtAfter", "00:00:01")]
    [InlineData("Simulator:Enabled", "maybe")]
    [InlineData("Dialogs:RootDialog", "")]
    [InlineData("Dialogs:Directory", "/no/such/dialogs")]
    [InlineData("Dialogs:InfoUrl", "onze website")]
    [InlineData("Dialogs:InfoUrl", "https://www.gemeente.example.nl/schuldhulpverlening/coachbot")]
    [InlineData("Proxy:KnownProxies:0", "proxy.gemeente.example")]
    [InlineData("Proxy:KnownNetworks:0", "10.0.0.0/33")]
    [InlineData("Proxy:KnownNetworks:0", "10.0.0.1")]
    public async Task Service_refuses_to_start_with_a_setting_that_cannot_work_and_names_it(string key, string value)
    {
        await using var app = new BotAppFactory().WithSetting(key, value);

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains(key, error.ToString(), StringComparison.Ordinal);
    }
}
