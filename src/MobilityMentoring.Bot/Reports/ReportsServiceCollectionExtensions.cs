namespace MobilityMentoring.Bot.Reports;

public static class ReportsServiceCollectionExtensions
{
    /// <summary>
    /// The twelve-week report and the pseudonymised evaluation export: the reports page and <c>GET /api/reports/…</c>
    /// read them here.
    /// </summary>
    public static WebApplicationBuilder AddReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ReportQuery>();
        builder.Services.AddScoped<EvaluationExport>();
        return builder;
    }
}
