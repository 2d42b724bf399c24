using Hangfire;
using Hangfire.PostgreSql;
using MobilityMentoring.Bot.Channels.Inbound;
using MobilityMentoring.Bot.Coaching.Clients;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.DataRights;
using MobilityMentoring.Bot.Dialogs;
using MobilityMentoring.Bot.Reminders;

namespace MobilityMentoring.Bot.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>Hangfire on PostgreSQL (own schema) or in memory for the embedded default, with a server in this process.</summary>
    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<JobsOptions>()
            .BindConfiguration(JobsOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var jobs = builder.Configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        var storage = builder.Configuration.GetStorageOptions(builder.Environment.ContentRootPath);

        builder.Services.AddHangfire((services, config) =>
        {
            config.UseLogProvider(new HangfireLogProvider(services.GetRequiredService<ILoggerFactory>()))
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();

            if (storage.UsesPostgres)
            {
                config.UsePostgreSqlStorage(
                    o => o.UseNpgsqlConnection(storage.PostgresConnectionString),
                    new PostgreSqlStorageOptions
                    {
                        SchemaName = jobs.SchemaName,
                        PrepareSchemaIfNecessary = true,
                        QueuePollInterval = jobs.QueuePollInterval,
                    });
            }
            else
            {
                config.UseInMemoryStorage();
            }
        });

        builder.Services.AddHangfireServer(o =>
        {
            o.WorkerCount = jobs.WorkerCount;
            o.SchedulePollingInterval = jobs.QueuePollInterval;
        });

        builder.Services.AddScoped<HousekeepingJob>();
        return builder;
    }

    /// <summary>Creates Hangfire's tables now (PostgreSQL), so `migrate` leaves a database ready for every instance.</summary>
    public static void PrepareJobStorage(this WebApplication app) => app.Services.GetRequiredService<JobStorage>();

    /// <summary>The Hangfire dashboard for coordinators and admins, and the recurring jobs.</summary>
    public static WebApplication MapJobs(this WebApplication app)
    {
        var jobs = app.Configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();

        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new CoordinatorDashboardAuthorization()],
            DashboardTitle = "MobilityMentoring jobs",
            AppPath = "/",
        });

        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        var options = new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(jobs.TimeZone) };
        recurring.AddOrUpdate<HousekeepingJob>(
            HousekeepingJob.RecurringId, job => job.RunAsync(CancellationToken.None), jobs.HousekeepingCron, options);
        recurring.AddOrUpdate<MessageSweeper>(
            MessageSweeper.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Minutely(), options);
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ReminderOptions>>().Value.PlannerEnabled)
        {
            recurring.AddOrUpdate<CheckInPlanner>(
                CheckInPlanner.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Minutely(), options);
        }
        else
        {
            recurring.RemoveIfExists(CheckInPlanner.RecurringId);
        }

        recurring.AddOrUpdate<Summaries.SummaryJob>(
            Summaries.SummaryJob.RecurringId, job => job.RunAsync(CancellationToken.None), "0 7 * * 1", options);
        recurring.AddOrUpdate<TwilioCopiesJob>(
            TwilioCopiesJob.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Minutely(), options);
        recurring.AddOrUpdate<OnboardingJob>(
            OnboardingJob.RecurringId, job => job.RunAsync(CancellationToken.None), "*/15 * * * *", options);
        return app;
    }
}
