using MobilityMentoring.Bot.Channels.Twilio;

namespace MobilityMentoring.Bot.Channels;

public static class ChannelsServiceCollectionExtensions
{
    /// <summary>Twilio settings (validated at start-up) for SMS and WhatsApp.</summary>
    public static WebApplicationBuilder AddChannels(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TwilioOptions>()
            .BindConfiguration(TwilioOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return builder;
    }
}
