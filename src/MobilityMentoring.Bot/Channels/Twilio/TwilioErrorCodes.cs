namespace MobilityMentoring.Bot.Channels.Twilio;

/// <summary>Twilio error codes the service acts on (twilio.com/docs/api/errors).</summary>
public static class TwilioErrorCodes
{
    public const int TooManyRequests = 20429;
    public const int InvalidToNumber = 21211;
    public const int RegionNotEnabled = 21408;
    public const int Unsubscribed = 21610;
    public const int NotAMobileNumber = 21614;
    public const int OutsideWhatsAppWindow = 63016;
    public const int InvalidWhatsAppRecipient = 63024;
    public const int WhatsAppPolicy = 63032;

    /// <summary>Errors that will not go away by trying again.</summary>
    public static bool IsPermanent(int code) => code is InvalidToNumber or RegionNotEnabled or Unsubscribed
        or NotAMobileNumber or OutsideWhatsAppWindow or InvalidWhatsAppRecipient or WhatsAppPolicy;

    /// <summary>Errors that mean the number cannot be reached on this channel.</summary>
    public static bool MeansUnreachable(int code) => code is InvalidToNumber or NotAMobileNumber
        or InvalidWhatsAppRecipient or 30003 or 30005 or 30006;
}
