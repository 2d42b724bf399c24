namespace MobilityMentoring.Bot.Caseloads;

public static class CaseloadsServiceCollectionExtensions
{
    /// <summary>The caseload, sorted by need: the dashboard's home page and <c>GET /api/caseload</c> read it here.</summary>
    public static WebApplicationBuilder AddCaseloads(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CaseloadQuery>();
        return builder;
    }
}
