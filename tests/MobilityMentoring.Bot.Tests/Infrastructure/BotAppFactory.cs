using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.Tests.Infrastructure;

/// <summary>
/// The real service on its own fresh PostgreSQL database, with a clock the test moves.
/// Use as an xunit class fixture: one database per test class.
/// </summary>
public class BotAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly Dictionary<string, string?> settings = new(StringComparer.OrdinalIgnoreCase);
    private int dropped;

    public FakeTimeProvider Time { get; init; } = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));

    public string ConnectionString { get; private set; } = "";

    /// <summary>Start on an empty database (no template), to watch the service migrate it itself.</summary>
    protected virtual bool StartFromEmptyDatabase => false;

    public BotAppFactory WithSetting(string key, string? value)
    {
        settings[key] = value;
        return this;
    }

    /// <summary>Run on a database another factory made (a restart of "the same" service); it is not dropped here.</summary>
    public string? ExistingDatabase { get; init; }

    /// <summary>The host environment: "Testing" unless a test is about what differs in Development or Production.</summary>
    public string EnvironmentName { get; init; } = "Testing";

    /// <summary>The address every request comes from (the test server sets none of its own), e.g. a proxy's.</summary>
    public IPAddress? ArrivingFrom { get; init; }

    /// <summary>When set, collects what the service logs (warnings and above, as the factory configures logging).</summary>
    public LogCapture? Logs { get; init; }

    /// <summary>Another folder for the service's content root, as a second installation of the same service would have.</summary>
    public string? ContentRoot { get; init; }

    public virtual async Task InitializeAsync() =>
        ConnectionString = ExistingDatabase ?? await PostgresServer.CreateDatabaseAsync(migrated: !StartFromEmptyDatabase);

    /// <summary>A DbContext on this factory's database, for arranging and asserting.</summary>
    public AsyncServiceScopeContext NewScope() => new(Services.CreateAsyncScope());

    /// <summary>An account with one role, made straight through Identity; returns its id.</summary>
    public async Task<string> AddUserAsync(string email, string password, string firstName, string role)
    {
        await using var scope = NewScope();
        var users = scope.Services.GetRequiredService<UserManager<BotUser>>();
        var user = new BotUser { UserName = email, Email = email, FirstName = firstName };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user.Id;
    }

    /// <summary>A client signed in as <paramref name="user"/> with <paramref name="roles"/>.</summary>
    public HttpClient CreateClientAs(string user, params string[] roles)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(TestAuthHandler.UserHeader, user);
        client.DefaultRequestHeaders.Add(TestAuthHandler.RolesHeader, string.Join(',', roles));
        return client;
    }

    /// <summary>
    /// A browser-like client (it keeps cookies, follows no redirects) whose requests come from <paramref name="address"/>,
    /// signed in as nobody until it signs in itself.
    /// </summary>
    public HttpClient CreateClientFrom(string address)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(RemoteAddress.Header, address);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        if (ContentRoot is not null)
        {
            builder.UseContentRoot(ContentRoot);
        }

        builder.UseSetting("ConnectionStrings:Postgres", ConnectionString);
        builder.UseSetting("Jobs:WorkerCount", "1");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Reminders:PlannerEnabled", "false"); // tests run the planner themselves, on the fake clock
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            if (Logs is not null)
            {
                services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
            }

            services.AddSingleton<IStartupFilter>(new RemoteAddress(ArrivingFrom));
            services.AddAuthentication()
                .AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null)
                .AddPolicyScheme("TestOrCookie", null, o => o.ForwardDefaultSelector = context =>
                    context.Request.Headers.ContainsKey(TestAuthHandler.UserHeader)
                        ? TestAuthHandler.SchemeName
                        : MobilityMentoring.Bot.Accounts.AccountsServiceCollectionExtensions.CookieOrBearer);
            services.PostConfigure<AuthenticationOptions>(o => o.DefaultAuthenticateScheme = "TestOrCookie");
        });
    }

    /// <summary>
    /// Stops the service, then drops its database unless another factory made it. Here, not only in IAsyncLifetime:
    /// a test that writes `await using var app = new TwilioAppFactory()` comes this way (its databases used to stay).
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ConnectionString.Length > 0 && ExistingDatabase is null && Interlocked.Exchange(ref dropped, 1) == 0)
        {
            await PostgresServer.DropDatabaseAsync(ConnectionString);
        }
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}

/// <summary>A service scope with the app's <see cref="BotDbContext"/> at hand.</summary>
public sealed class AsyncServiceScopeContext(AsyncServiceScope scope) : IAsyncDisposable
{
    public IServiceProvider Services => scope.ServiceProvider;
    public BotDbContext Db => Services.GetRequiredService<BotDbContext>();

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}
