using MobilityMentoring.Bot.Channels;

namespace MobilityMentoring.Bot.Coaching.Clients;

/// <summary>
/// The phone numbers simulator test clients get: Ofcom keeps +44 7700 900000–900999 for drama, so no real phone has
/// one and Twilio never delivers from one. The organisation never enrols them, and a test client has no other number.
/// </summary>
public static class TestNumbers
{
    private const string Prefix = "+447700900";
    public const int Count = 1000;

    public static bool IsTestNumber(this PhoneNumber phone) =>
        phone.Value.Length == Prefix.Length + 3 && phone.Value.StartsWith(Prefix, StringComparison.Ordinal);

    public static PhoneNumber Number(int index) =>
        PhoneNumber.FromE164(Prefix + index.ToString("000", System.Globalization.CultureInfo.InvariantCulture));
}
