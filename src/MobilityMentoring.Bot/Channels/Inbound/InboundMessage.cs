namespace MobilityMentoring.Bot.Channels.Inbound;

/// <summary>A message as a channel delivered it, before it is stored.</summary>
public sealed record InboundMessage(string ProviderSid, Channel Channel, string From, string To, string Body);
