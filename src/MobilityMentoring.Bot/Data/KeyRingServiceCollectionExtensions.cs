using Microsoft.AspNetCore.DataProtection;

namespace MobilityMentoring.Bot.Data;

public static class KeyRingServiceCollectionExtensions
{
    /// <summary>
    /// One name for every instance: Data Protection isolates keys per application name, which defaults to the content
    /// root, so two installations in different folders would refuse each other's cookies even with one key store.
    /// </summary>
    public const string ApplicationName = "MobilityMentoring.Bot";

    /// <summary>
    /// The Data Protection keys behind sign-in cookies, form tokens and bearer tokens: kept in the database, so a restart
    /// or another instance reads the same ones; encrypted with the configured certificate where one is set.
    /// </summary>
    public static WebApplicationBuilder AddKeyRing(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<KeyRingOptions>()
            .BindConfiguration(KeyRingOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var keys = builder.Services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<BotDbContext>();

        // Loaded now, not at the first sign-in: a certificate that cannot be read stops the start, naming its key.
        var options = builder.Configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        if (options.LoadCertificate() is { } certificate)
        {
            keys.ProtectKeysWithCertificate(certificate);
        }
        else
        {
            builder.Services.AddHostedService<UnprotectedKeysWarning>();
        }

        return builder;
    }
}

/// <summary>Outside Development, says at start that the keys lie unencrypted in the database and how to change that.</summary>
internal sealed partial class UnprotectedKeysWarning(IHostEnvironment environment, ILogger<UnprotectedKeysWarning> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment())
        {
            LogUnprotected();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Warning, "Data Protection keys are stored unencrypted in the database: whoever reads it can forge sign-in "
                                     + "cookies and tokens. Set DataProtection:CertificatePath (with DataProtection:CertificatePassword) "
                                     + "or DataProtection:CertificateThumbprint")]
    private partial void LogUnprotected();
}
