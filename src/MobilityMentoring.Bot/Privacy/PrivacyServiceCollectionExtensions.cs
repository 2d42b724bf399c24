using Microsoft.Extensions.Logging.Console;

namespace MobilityMentoring.Bot.Privacy;

public static class PrivacyServiceCollectionExtensions
{
    /// <summary>Console logs go through <see cref="MaskingConsoleFormatter"/> so no full phone number is written.</summary>
    public static WebApplicationBuilder AddMaskedLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(options => options.FormatterName = MaskingConsoleFormatter.FormatterName);
        builder.Logging.AddConsoleFormatter<MaskingConsoleFormatter, ConsoleFormatterOptions>();
        return builder;
    }
}
