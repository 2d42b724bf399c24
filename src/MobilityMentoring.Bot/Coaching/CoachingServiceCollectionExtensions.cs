using MobilityMentoring.Bot.Coaching.Clients;
using MobilityMentoring.Bot.Coaching.Programmes;
using MobilityMentoring.Bot.Coaching.Rewards;
using MobilityMentoring.Bot.Coaching.Steps;

namespace MobilityMentoring.Bot.Coaching;

public static class CoachingServiceCollectionExtensions
{
    /// <summary>What staff do with clients, goals, steps and rewards: one use case per operation, for pages and API alike.</summary>
    public static WebApplicationBuilder AddCoaching(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<AddStep>();
        services.AddScoped<EditStep>();
        services.AddScoped<MoveStep>();
        services.AddScoped<VerifyStep>();
        services.AddScoped<ApproveReward>();
        services.AddScoped<HandleFlag>();
        services.AddScoped<ReadFlags>();
        services.AddScoped<OnboardingJob>();
        services.AddScoped<EnrolClient>();
        services.AddScoped<MoveClient>();
        services.AddScoped<CloseCase>();
        services.AddScoped<CreateProgramme>();
        services.AddScoped<ChangeProgrammeSettings>();
        return builder;
    }
}
