namespace MobilityMentoring.Bot.Channels;

public enum Channel { Sms, WhatsApp, Simulator }
