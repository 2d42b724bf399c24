namespace MobilityMentoring.Bot.Reminders;

public static class RemindersServiceCollectionExtensions
{
    /// <summary>The check-in planner (a minutely Hangfire job) and the cadence preview.</summary>
    public static WebApplicationBuilder AddReminders(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReminderOptions>()
            .BindConfiguration(ReminderOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddScoped<CheckInPlanner>();
        builder.Services.AddScoped<ReminderTurn>();
        builder.Services.AddScoped<CadencePreview>();
        builder.Services.AddScoped<ChangeCadence>();
        builder.Services.AddScoped<CheckInStarter>();
        return builder;
    }
}
