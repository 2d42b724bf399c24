using Microsoft.Extensions.Diagnostics.HealthChecks;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.Health;

/// <summary>Ready when the database answers.</summary>
public sealed class DatabaseHealthCheck(BotDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database does not answer.");
}
