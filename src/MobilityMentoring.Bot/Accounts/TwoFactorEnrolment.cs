using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Operations;
using MobilityMentoring.Bot.Privacy;

namespace MobilityMentoring.Bot.Accounts;

/// <summary>The key an authenticator app needs, as text and as the otpauth:// address its QR code holds.</summary>
public sealed record AuthenticatorSetup(string Key, string Uri);

/// <summary>
/// A signed-in staff member sets up an authenticator app (Identity's authenticator token provider: TOTP, six digits, 30
/// seconds) or turns it off. Turning on takes a code from the app, so a key that never reached a phone is never needed
/// at sign-in. Both change the security stamp, which ends the account's other sessions. Audit-logged.
/// </summary>
public sealed class TwoFactorEnrolment(
    UserManager<BotUser> users, IUserStore<BotUser> store, TwoFactorPolicy policy, BotDbContext db, TimeProvider time, IOptions<SignInOptions> options)
{
    /// <summary>
    /// The account's key, made on first use. A first key changes nothing about signing in until it is turned on with a
    /// code (a form post), so it keeps the security stamp: opening the page, even from another site's link, ends no session.
    /// </summary>
    public async Task<AuthenticatorSetup> SetupAsync(BotUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            key = users.GenerateNewAuthenticatorKey();
            await ((IUserAuthenticatorKeyStore<BotUser>)store).SetAuthenticatorKeyAsync(user, key, CancellationToken.None);
            AccountSeeder.Check(await users.UpdateAsync(user), "the authenticator key");
        }

        var issuer = Uri.EscapeDataString(options.Value.AuthenticatorIssuer);
        var account = Uri.EscapeDataString(user.Email ?? user.UserName ?? user.Id);
        return new AuthenticatorSetup(key!, $"otpauth://totp/{issuer}:{account}?secret={key}&issuer={issuer}&digits=6");
    }

    public async Task<Outcome<Nothing>> EnableAsync(BotUser user, string? code, CancellationToken cancellationToken)
    {
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Digits(code)))
        {
            return Outcome.Invalid<Nothing>("code", "That code is not the one the app shows now.");
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        return await AuditedAsync(user, AuditAction.TwoFactorEnable, cancellationToken);
    }

    /// <summary>Off, with a new key for next time; refused while one of the account's roles requires it.</summary>
    public async Task<Outcome<Nothing>> DisableAsync(BotUser user, CancellationToken cancellationToken)
    {
        if (await policy.RequiredForAsync(user, cancellationToken))
        {
            return Outcome.Conflict<Nothing>("Two-factor sign-in is required for your role.");
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        return await AuditedAsync(user, AuditAction.TwoFactorDisable, cancellationToken);
    }

    /// <summary>A code as people type it ("123 456") as Identity reads it ("123456").</summary>
    internal static string Digits(string? code) => new((code ?? "").Where(char.IsAsciiDigit).ToArray());

    private async Task<Outcome<Nothing>> AuditedAsync(BotUser user, AuditAction action, CancellationToken cancellationToken)
    {
        db.AuditEntries.Add(new AuditEntry { At = time.GetUtcNow(), Actor = user.Id, Action = action, Subject = $"user:{user.Id}" });
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done();
    }
}
