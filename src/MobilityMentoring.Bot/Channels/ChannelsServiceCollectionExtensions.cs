using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using MobilityMentoring.Bot.Channels.Inbound;
using MobilityMentoring.Bot.Channels.Outbox;
using MobilityMentoring.Bot.Channels.Simulator;
using MobilityMentoring.Bot.Channels.Twilio;
using Polly;

namespace MobilityMentoring.Bot.Channels;

public static class ChannelsServiceCollectionExtensions
{
    /// <summary>SMS and WhatsApp through Twilio, the simulator, the inbound receiver and the outbox dispatcher.</summary>
    public static WebApplicationBuilder AddChannels(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TwilioOptions>().BindConfiguration(TwilioOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddOptions<InboundOptions>().BindConfiguration(InboundOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var inbound = builder.Configuration.GetSection(InboundOptions.Section).Get<InboundOptions>() ?? new InboundOptions();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            limiter.AddConcurrencyLimiter(InboundOptions.TurnsPolicy, o =>
            {
                o.PermitLimit = inbound.MaxConcurrentTurns;
                o.QueueLimit = inbound.MaxQueuedTurns;
                o.QueueProcessingOrder = System.Threading.RateLimiting.QueueProcessingOrder.OldestFirst;
            });
        });
        services.AddScoped<InboundMessageReceiver>();
        services.AddSingleton<InboundTurns>();
        services.AddHostedService(sp => sp.GetRequiredService<InboundTurns>());
        services.AddSingleton<OutageReply>();
        services.AddScoped<TestClients>();
        services.AddScoped<MessageSweeper>();
        services.AddHostedService<StartupRecovery>();

        services.AddScoped<OutboxWriter>();
        services.AddScoped<OutboxMessageSender>();
        services.AddScoped<DeliveryProblems>();
        services.AddScoped<InDoubtSends>();
        services.AddSingleton<AcceptedSends>();
        services.AddScoped<StatusCallbackHandler>();
        services.AddSingleton<OutboxSignal>();
        services.AddMetrics();
        services.AddSingleton<OutboxMetrics>();
        services.AddSingleton(sp => new SenderRateLimiter(
            TimeProvider.System, sp.GetRequiredService<IOptions<TwilioOptions>>().Value.MessagesPerSecond));
        services.AddHostedService<OutboxDispatcher>();

        services.AddTwilioClient();
        return builder;
    }

    /// <summary>
    /// The Messages API client. Retries what cannot have made a message: a 429 (honouring Retry-After) and a connection
    /// that was never made, with exponential back-off and jitter; a lookup (GET) also on 5xx. Never retries a create
    /// that may have reached Twilio (5xx, timeout, a connection broken after sending): that send is in doubt, and is
    /// looked up before it is ever sent again (InDoubtSends). Each attempt waits for its sender's pace, then has
    /// Twilio:RequestTimeout to be answered.
    /// </summary>
    private static void AddTwilioClient(this IServiceCollection services)
    {
        services.AddTransient<TwilioSendPacing>();
        var client = services.AddHttpClient<TwilioRestClient>((sp, http) =>
            {
                var twilio = sp.GetRequiredService<IOptions<TwilioOptions>>().Value;
                http.BaseAddress = new Uri(twilio.ApiBaseUrl.TrimEnd('/') + "/");
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                ConnectTimeout = TimeSpan.FromSeconds(5),
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });

        // Handlers run in the order added: retries outside, then the pace, then each attempt's own timeout.
        client.AddResilienceHandler("twilio", (pipeline, context) =>
        {
            var twilio = context.ServiceProvider.GetRequiredService<IOptions<TwilioOptions>>().Value;

            // Back-off waits on Twilio's real availability, not on coaching time (which tests move by hand).
            pipeline.TimeProvider = TimeProvider.System;
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 4,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = twilio.RetryBaseDelay,
                MaxDelay = TimeSpan.FromSeconds(30),
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Result: { } response } => (int)response.StatusCode == 429
                                                || ((int)response.StatusCode >= 500 && Idempotent(response.RequestMessage?.Method)),
                    { Exception: HttpRequestException e } => TwilioRestClient.NeverSent(e) || Idempotent(args.Context.GetRequestMessage()?.Method),
                    _ => false,
                }),
            });
            pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions());
        });
        client.AddHttpMessageHandler<TwilioSendPacing>();
        client.AddResilienceHandler("twilio-attempt", (pipeline, context) =>
        {
            pipeline.TimeProvider = TimeProvider.System;
            pipeline.AddTimeout(context.ServiceProvider.GetRequiredService<IOptions<TwilioOptions>>().Value.RequestTimeout);
        });
    }

    /// <summary>Look-ups and deletions may be sent again after a 5xx; a message create may have made the message already.</summary>
    private static bool Idempotent(HttpMethod? method) => method == HttpMethod.Get || method == HttpMethod.Delete;

    public static WebApplication MapChannels(this WebApplication app)
    {
        app.UseRateLimiter();
        app.MapTwilio();
        app.MapSimulator();
        return app;
    }
}
