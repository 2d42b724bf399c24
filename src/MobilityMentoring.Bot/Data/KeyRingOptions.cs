using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MobilityMentoring.Bot.Data;

/// <summary>
/// The certificate that encrypts the Data Protection keys in the database (they sign cookies, form tokens and bearer
/// tokens): a PKCS#12 file with its password, or a thumbprint in the CurrentUser\My store. Neither: keys are stored plain.
/// </summary>
public sealed class KeyRingOptions : IValidatableObject
{
    public const string Section = "DataProtection";

    public string? CertificatePath { get; set; }
    public string? CertificatePassword { get; set; }
    public string? CertificateThumbprint { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(CertificatePath) && !string.IsNullOrWhiteSpace(CertificateThumbprint))
        {
            yield return new ValidationResult(
                $"Set {Section}:{nameof(CertificatePath)} or {Section}:{nameof(CertificateThumbprint)}, not both.", [nameof(CertificatePath)]);
        }
    }

    /// <summary>The configured certificate with its private key, or null when none is configured; throws naming the key.</summary>
    public X509Certificate2? LoadCertificate()
    {
        if (!string.IsNullOrWhiteSpace(CertificatePath))
        {
            return WithPrivateKey(FromFile(CertificatePath), nameof(CertificatePath));
        }

        return string.IsNullOrWhiteSpace(CertificateThumbprint) ? null : WithPrivateKey(FromStore(CertificateThumbprint), nameof(CertificateThumbprint));
    }

    private X509Certificate2 FromFile(string path)
    {
        if (!File.Exists(path))
        {
            throw Broken(nameof(CertificatePath), $"there is no file '{path}'");
        }

        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, CertificatePassword);
        }
        catch (CryptographicException e)
        {
            throw Broken(nameof(CertificatePath), $"'{path}' cannot be opened with {Section}:{nameof(CertificatePassword)} ({e.Message})");
        }
    }

    private static X509Certificate2 FromStore(string thumbprint)
    {
        using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
        try
        {
            store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
            if (found.Count > 0)
            {
                return found[0];
            }
        }
        catch (CryptographicException)
        {
            // No such store for this user: the certificate is not there either.
        }

        throw Broken(nameof(CertificateThumbprint), $"no certificate with thumbprint {thumbprint} in the CurrentUser\\My store");
    }

    private static X509Certificate2 WithPrivateKey(X509Certificate2 certificate, string key) =>
        certificate.HasPrivateKey ? certificate : throw Broken(key, "the certificate has no private key, so the keys could not be read back");

    private static InvalidOperationException Broken(string key, string why) => new($"{Section}:{key}: {why}.");
}
