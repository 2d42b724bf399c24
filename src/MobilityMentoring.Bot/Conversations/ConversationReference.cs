using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;

namespace MobilityMentoring.Bot.Conversations;

/// <summary>Enough to start a turn with a client later (reminders, mentor replies), as in the Bot Framework.</summary>
public sealed record ConversationReference(string ChannelId, ChannelAccount User, ChannelAccount Bot, ConversationAccount Conversation)
{
    public static ConversationReference For(Client client, string channelId)
    {
        var address = ChannelAddress.For(channelId, client.Phone);
        return new ConversationReference(
            channelId, new ChannelAccount(address, client.FirstName), new ChannelAccount("bot"), new ConversationAccount(address));
    }
}
