using QRCoder;

namespace MobilityMentoring.Bot.Dashboard;

/// <summary>A QR code drawn here as an inline PNG: the authenticator key never goes to an outside service.</summary>
public static class QrCodeImage
{
    public static string PngDataUri(string text) =>
        "data:image/png;base64," + Convert.ToBase64String(PngByteQRCodeHelper.GetQRCode(text, QRCodeGenerator.ECCLevel.M, 5));
}
