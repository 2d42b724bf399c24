namespace MobilityMentoring.Bot.Summaries;

public static class SummariesServiceCollectionExtensions
{
    /// <summary>Summaries since the mentor's last review, and the weekly job that prepares them.</summary>
    public static WebApplicationBuilder AddSummaries(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SummaryBuilder>();
        builder.Services.AddScoped<SummaryJob>();
        builder.Services.AddScoped<MarkSummaryReviewed>();
        builder.Services.AddScoped<ReadSummary>();
        return builder;
    }
}
