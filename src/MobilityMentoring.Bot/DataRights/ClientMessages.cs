using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.DataRights;

/// <summary>What counts as a client's messages for their rights: an export shows, and an erasure removes, the same ones.</summary>
public static class ClientMessages
{
    /// <summary>The client's messages, and those from or to their number that no client was known for (before they joined).</summary>
    public static IQueryable<Message> Of(BotDbContext db, Client client)
    {
        var (sms, whatsApp) = (client.Phone.Value, ChannelAddress.WhatsAppPrefix + client.Phone.Value);
        return db.Messages.Where(m => m.ClientId == client.Id
                                      || (m.ClientId == null && (m.From == sms || m.From == whatsApp || m.To == sms || m.To == whatsApp)));
    }
}
