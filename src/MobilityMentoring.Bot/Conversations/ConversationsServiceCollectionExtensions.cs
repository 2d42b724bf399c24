using Microsoft.Extensions.Options;
using MobilityMentoring.Bot.Conversations.Middleware;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Dialogs;
using MobilityMentoring.Bot.Dialogs.Safety;
using MobilityMentoring.Bot.Dialogs.Understanding;

namespace MobilityMentoring.Bot.Conversations;

public static class ConversationsServiceCollectionExtensions
{
    /// <summary>The turn pipeline (middleware in order), the dialog runtime, the dialogs and their content.</summary>
    public static WebApplicationBuilder AddConversations(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DialogOptions>().BindConfiguration(DialogOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var directory = sp.GetRequiredService<IOptions<DialogOptions>>().Value.Directory;
            return DialogContentLoader.Load(string.IsNullOrWhiteSpace(directory) ? Path.Combine(AppContext.BaseDirectory, "dialogs") : directory);
        });
        services.AddSingleton<Understanding>();
        services.AddSingleton<LanguageGuess>();
        services.AddSingleton<CrisisNet>();
        services.AddSingleton<SafetyQuestion>();
        services.AddSingleton<DayParser>();

        // Middleware runs in this order, before the dialogs.
        services.AddScoped<IMiddleware, CrisisMiddleware>();
        services.AddScoped<IMiddleware, KeywordMiddleware>();
        services.AddScoped<IMiddleware, UnknownSenderMiddleware>();
        services.AddScoped<IMiddleware, HandOffMiddleware>();
        services.AddScoped<TurnPipeline>();

        services.AddScoped<IDialog, MainDialog>();
        services.AddScoped<IDialog, OnboardingDialog>();
        services.AddScoped<IDialog, GoalDialog>();
        services.AddScoped<IDialog, StepDialog>();
        services.AddScoped<IDialog, CheckInDialog>();
        services.AddScoped<IDialog, LanguageDialog>();
        services.AddScoped<IDialog, ConsentRenewalDialog>();
        services.AddSingleton<StepWording>();
        services.AddScoped<ClientCommands>();
        services.AddSingleton<NotUnderstood>();
        services.AddScoped<RewardLedger>();
        services.AddScoped<DialogRuntime>();
        services.AddScoped<SendMentorMessage>();
        services.AddScoped<ReadTranscript>();
        services.AddScoped<HandOff>();
        services.AddScoped<TurnProcessor>();

        var storage = builder.Configuration.GetStorageOptions(builder.Environment.ContentRootPath);
        if (storage.UsesPostgres)
        {
            services.AddSingleton<IClientTurnLock, PostgresAdvisoryTurnLock>();
        }
        else
        {
            services.AddSingleton<IClientTurnLock, InProcessTurnLock>();
        }

        return builder;
    }
}
