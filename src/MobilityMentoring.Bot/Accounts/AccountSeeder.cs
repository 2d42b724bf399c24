using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MobilityMentoring.Bot.Accounts;

/// <summary>Makes sure the roles exist and, on an empty database, creates the first coordinator from Bootstrap settings.</summary>
public sealed partial class AccountSeeder(
    RoleManager<IdentityRole> roles,
    UserManager<BotUser> users,
    IOptions<BootstrapOptions> bootstrap,
    ILogger<AccountSeeder> log)
{
    public async Task EnsureRolesAndBootstrapAdminAsync(CancellationToken cancellationToken)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
            }
        }

        if (await users.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var (email, password) = (bootstrap.Value.AdminEmail, bootstrap.Value.AdminPassword);
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
        {
            LogNoAdmin();
            return;
        }

        var admin = new BotUser { UserName = email, Email = email, EmailConfirmed = true };
        Check(await users.CreateAsync(admin, password), "Bootstrap:AdminEmail/Bootstrap:AdminPassword");
        Check(await users.AddToRolesAsync(admin, [Roles.Coordinator, Roles.Admin]), "bootstrap admin roles");
        LogAdminCreated();
    }

    internal static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not create {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    [LoggerMessage(LogLevel.Warning, "No users yet and no Bootstrap:AdminEmail/Bootstrap:AdminPassword set: nobody can sign in")]
    private partial void LogNoAdmin();

    [LoggerMessage(LogLevel.Information, "Created the first coordinator account from Bootstrap settings")]
    private partial void LogAdminCreated();
}
