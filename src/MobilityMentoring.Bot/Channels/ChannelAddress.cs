namespace MobilityMentoring.Bot.Channels;

/// <summary>How each channel writes a client's address: +E164 for SMS and the simulator, whatsapp:+E164 for WhatsApp.</summary>
public static class ChannelAddress
{
    public const string WhatsAppPrefix = "whatsapp:";

    public static string For(string channelId, PhoneNumber phone) =>
        channelId == ChannelIds.WhatsApp ? WhatsAppPrefix + phone.Value : phone.Value;

    public static string ChannelIdOf(string address) =>
        address.StartsWith(WhatsAppPrefix, StringComparison.OrdinalIgnoreCase) ? ChannelIds.WhatsApp : ChannelIds.Sms;
}
