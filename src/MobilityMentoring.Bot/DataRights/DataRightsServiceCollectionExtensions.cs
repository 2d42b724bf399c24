namespace MobilityMentoring.Bot.DataRights;

public static class DataRightsServiceCollectionExtensions
{
    /// <summary>What the AVG gives a client: a copy of their data, erasure, and data kept no longer than needed.</summary>
    public static WebApplicationBuilder AddDataRights(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ExportClient>();
        builder.Services.AddScoped<EraseClient>();
        builder.Services.AddScoped<TwilioCopiesJob>();
        return builder;
    }
}
