namespace MobilityMentoring.Bot.Reports;

public static class ReportsServiceCollectionExtensions
{
    /// <summary>The twelve-week report: the reports page and <c>GET /api/reports/weekly</c> read it here.</summary>
    public static WebApplicationBuilder AddReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ReportQuery>();
        return builder;
    }
}
