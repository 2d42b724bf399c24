using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Tests.Infrastructure;
using Npgsql;

namespace MobilityMentoring.Bot.Tests.Data;

/// <summary>
/// Issue 15, finding 4: Data Protection keys were neither persisted nor shared, so a restart ended every session and
/// two instances refused each other's cookies, form tokens and bearer tokens. Keys now live in the database, under
/// one application name, encrypted with a certificate where one is configured.
/// </summary>
public sealed class KeyRingTests : IAsyncLifetime
{
    private const string Email = "sanne@gemeente.example", Password = "Lang-genoeg-2026";

    private readonly List<string> folders = [];
    private string database = "";

    public async Task InitializeAsync() => database = await PostgresServer.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        await PostgresServer.DropDatabaseAsync(database);
        foreach (var folder in folders)
        {
            File.Delete(folder); // a symbolic link or a certificate file, never the service's own folder
        }
    }

    [Fact]
    public async Task Two_instances_accept_each_others_cookie_and_form_token_and_a_bearer_token_outlives_a_restart_of_both()
    {
        // Two installations of the service (other folders, as on other machines) on one database, behind one balancer.
        var (rootA, rootB) = (InstallationFolder("a"), InstallationFolder("b"));
        var browser = new CookieJar();
        string accessToken;
        await using (var a = await StartAsync(rootA))
        await using (var b = await StartAsync(rootB))
        {
            Assert.Equal(rootB, b.Services.GetRequiredService<IWebHostEnvironment>().ContentRootPath);
            var userId = await a.AddUserAsync(Email, Password, "Sanne", MobilityMentoring.Bot.Accounts.Roles.Mentor);
            using var onA = a.CreateDefaultClient(browser.Handler());
            using var onB = b.CreateDefaultClient(browser.Handler());
            await onA.SignedInAsync(Email, Password);
            var tokenFromA = await onA.FormTokenAsync();

            // A dashboard form served by A, posted to B with A's cookie and A's token.
            using var posted = await onB.PostAsync("/account/language", new FormUrlEncodedContent(
                [new("language", "en"), new("returnUrl", "/"), new("__RequestVerificationToken", tokenFromA)]));
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
            Assert.Equal("/", posted.Headers.Location?.OriginalString);
            Assert.Equal("en", await LanguageOfAsync(b, userId));
            Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/")).StatusCode);

            using var login = await onA.PostAsJsonAsync("/api/auth/login", new { email = Email, password = Password });
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            accessToken = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        }

        Assert.True(await ScalarAsync<long>("SELECT count(*) FROM data_protection_keys") > 0, "the keys are in the database, not on one machine's disk");

        await using (var a = await StartAsync(rootA))
        await using (var b = await StartAsync(rootB))
        {
            foreach (var instance in new[] { a, b })
            {
                using var script = instance.CreateClient();
                script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
                Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/caseload")).StatusCode);

                using var page = instance.CreateDefaultClient(browser.Handler());
                Assert.Equal(HttpStatusCode.OK, (await page.GetAsync("/")).StatusCode);
            }
        }
    }

    [Fact]
    public async Task With_a_certificate_the_keys_are_stored_encrypted_and_another_instance_with_it_reads_them()
    {
        var (path, password) = CertificateFile();
        await using var a = await StartAsync(settings: [("DataProtection:CertificatePath", path), ("DataProtection:CertificatePassword", password)]);
        var sealedText = a.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("hallo");

        var xml = await ScalarAsync<string>("SELECT string_agg(xml, '') FROM data_protection_keys");
        Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);

        await using var b = await StartAsync(settings: [("DataProtection:CertificatePath", path), ("DataProtection:CertificatePassword", password)]);
        Assert.Equal("hallo", b.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(sealedText));
    }

    [Theory]
    [InlineData("wrong password", "DataProtection:CertificatePassword")]
    [InlineData("no such file", "DataProtection:CertificatePath")]
    [InlineData("no such thumbprint", "DataProtection:CertificateThumbprint")]
    public async Task A_certificate_that_cannot_be_used_stops_the_service_at_start_naming_the_key(string problem, string key)
    {
        var (path, password) = CertificateFile();
        (string, string)[] settings = problem switch
        {
            "wrong password" => [("DataProtection:CertificatePath", path), ("DataProtection:CertificatePassword", password + "x")],
            "no such file" => [("DataProtection:CertificatePath", path + ".missing"), ("DataProtection:CertificatePassword", password)],
            _ => [("DataProtection:CertificateThumbprint", new string('A', 40))],
        };
        await using var app = Factory(null, settings);
        await app.InitializeAsync();

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains(key, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production", true)]
    [InlineData("Development", false)]
    public async Task Outside_Development_the_log_warns_when_keys_are_not_protected_at_rest(string environment, bool warns)
    {
        var logs = new LogCapture();
        await using var app = new BotAppFactory { ExistingDatabase = database, EnvironmentName = environment, Logs = logs };
        await app.InitializeAsync();
        app.CreateClient().Dispose();

        var warnings = logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.Contains("DataProtection:CertificatePath", StringComparison.Ordinal));
        Assert.Equal(warns, warnings.Any());
    }

    private async Task<BotAppFactory> StartAsync(string? contentRoot = null, params (string Key, string Value)[] settings)
    {
        var app = Factory(contentRoot, settings);
        await app.InitializeAsync();
        app.CreateClient().Dispose();
        return app;
    }

    private BotAppFactory Factory(string? contentRoot, (string Key, string Value)[] settings)
    {
        var app = new BotAppFactory { ExistingDatabase = database, ContentRoot = contentRoot };
        foreach (var (key, value) in settings)
        {
            app.WithSetting(key, value);
        }

        return app;
    }

    private static async Task<string?> LanguageOfAsync(BotAppFactory app, string userId)
    {
        await using var scope = app.NewScope();
        return (await scope.Services.GetRequiredService<UserManager<BotUser>>().FindByIdAsync(userId))?.Language;
    }

    /// <summary>The service's folder under another name (a symbolic link), as a second installation has it.</summary>
    private string InstallationFolder(string name)
    {
        var service = Path.Combine(RepositoryFolder.Root, "src", "MobilityMentoring.Bot");
        var link = Path.Combine(Path.GetTempPath(), $"mmb-installation-{name}-{Guid.NewGuid():N}");
        Directory.CreateSymbolicLink(link, service);
        folders.Add(link);
        return link;
    }

    /// <summary>A self-signed certificate with its private key in a password-protected PKCS#12 file.</summary>
    private (string Path, string Password) CertificateFile()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=mmb-keys-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
        var path = Path.Combine(Path.GetTempPath(), $"mmb-keys-{Guid.NewGuid():N}.pfx");
        const string password = "cert-password-2026";
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        folders.Add(path);
        return (path, password);
    }

    /// <summary>One value straight from the database, past the service.</summary>
    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
