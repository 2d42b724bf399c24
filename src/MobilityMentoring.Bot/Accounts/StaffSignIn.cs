using Microsoft.AspNetCore.Identity;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.Privacy;

namespace MobilityMentoring.Bot.Accounts;

/// <summary>Where someone signs in: the dashboard's form (a cookie) or <c>POST /api/auth/login</c> (bearer tokens).</summary>
public enum SignInSurface { Dashboard, Api }

public enum SignInVerdict
{
    SignedIn,

    /// <summary>The password was right and the account has an authenticator: the six-digit code comes next.</summary>
    CodeNeeded,

    /// <summary>
    /// The password was right, but the account's role requires an authenticator it has not set up. The dashboard is
    /// signed in and sent to set one up (and can do nothing else); the API gets no token.
    /// </summary>
    EnrolmentNeeded,

    /// <summary>Unknown e-mail, wrong password or code, or a locked account: one answer for all, so none is told apart.</summary>
    Refused,
}

/// <summary>
/// Staff sign in with e-mail and password, then a code when they have an authenticator. Wrong passwords do not count
/// towards Identity's lockout (anyone could lock every mentor out that way); <see cref="SignInRateLimits"/> slows
/// guessing instead. Wrong codes do count: only someone with the password gets that far. Every attempt is audited
/// without the password; an unknown e-mail address is written masked.
/// </summary>
public sealed class StaffSignIn(SignInManager<BotUser> signIn, TwoFactorPolicy policy, SignInDevice devices, BotDbContext db, TimeProvider time)
{
    /// <summary>A hash to check unknown and locked accounts' passwords against, so they take as long as a wrong password.</summary>
    private static string? decoy;

    /// <summary>The password step; the API passes the code along with it (as Identity's own MapIdentityApi does).</summary>
    public async Task<SignInVerdict> WithPasswordAsync(
        string? email, string? password, string? twoFactorCode, SignInSurface surface, CancellationToken cancellationToken)
    {
        var users = signIn.UserManager;
        if (surface == SignInSurface.Api)
        {
            signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        }

        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            TakeAsLongAsAPassword(password);
            return await RefusedAsync(null, email, surface, "unknown", cancellationToken);
        }

        // The API hands out tokens the moment the password is right, so a role's requirement is checked before.
        if (surface == SignInSurface.Api && !await users.GetTwoFactorEnabledAsync(user) && await policy.RequiredForAsync(user, cancellationToken))
        {
            var check = await signIn.CheckPasswordSignInAsync(user, password ?? "", lockoutOnFailure: false);
            if (check.IsLockedOut || check.IsNotAllowed)
            {
                TakeAsLongAsAPassword(password);
            }

            return check.Succeeded
                ? await AuditedAsync(SignInVerdict.EnrolmentNeeded, user, AuditAction.SignInFailed, "api, two-factor not set up", cancellationToken)
                : await RefusedAsync(user, email, surface, Reason(check), cancellationToken);
        }

        var result = await signIn.PasswordSignInAsync(user, password ?? "", isPersistent: false, lockoutOnFailure: false);
        if (result.IsLockedOut || result.IsNotAllowed)
        {
            TakeAsLongAsAPassword(password); // Identity answers these before it looks at the password
        }

        if (result.RequiresTwoFactor && surface == SignInSurface.Api && !string.IsNullOrWhiteSpace(twoFactorCode))
        {
            return await WithCodeAsync(user, twoFactorCode, surface, cancellationToken);
        }

        if (result.RequiresTwoFactor)
        {
            return SignInVerdict.CodeNeeded;
        }

        if (!result.Succeeded)
        {
            return await RefusedAsync(user, email, surface, Reason(result), cancellationToken);
        }

        var verdict = surface == SignInSurface.Dashboard && await policy.RequiredForAsync(user, cancellationToken)
            ? SignInVerdict.EnrolmentNeeded
            : SignInVerdict.SignedIn;
        return await SucceededAsync(verdict, user, surface, "password", cancellationToken);
    }

    /// <summary>The account waiting for its code step on the dashboard (Identity keeps it in a short-lived cookie), if any.</summary>
    public Task<BotUser?> AwaitingCodeAsync() => signIn.GetTwoFactorAuthenticationUserAsync();

    /// <summary>The code step, after <see cref="WithPasswordAsync"/> answered <see cref="SignInVerdict.CodeNeeded"/>.</summary>
    /// <remarks>
    /// A code works once (ASVS 2.8.4): Identity accepts one for about two minutes, so one seen over a shoulder or
    /// caught by a fake page could be used again. The last accepted code and when are kept with the account.
    /// </remarks>
    public async Task<SignInVerdict> WithCodeAsync(BotUser user, string? code, SignInSurface surface, CancellationToken cancellationToken)
    {
        var digits = TwoFactorEnrolment.Digits(code);
        var now = time.GetUtcNow();
        if (await signIn.UserManager.GetAuthenticationTokenAsync(user, UsedCodeProvider, UsedCodeName) is { } last
            && last.Split(' ') is [var usedCode, var usedAt] && usedCode == digits
            && long.TryParse(usedAt, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            && now - DateTimeOffset.FromUnixTimeSeconds(seconds) < CodeLifetime)
        {
            await signIn.UserManager.AccessFailedAsync(user);
            return await RefusedAsync(user, user.Email, surface, "code used before", cancellationToken);
        }

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(digits, isPersistent: false, rememberClient: false);
        if (!result.Succeeded)
        {
            return await RefusedAsync(user, user.Email, surface, result.IsLockedOut ? "locked" : "code", cancellationToken);
        }

        await signIn.UserManager.SetAuthenticationTokenAsync(user, UsedCodeProvider, UsedCodeName,
            FormattableString.Invariant($"{digits} {now.ToUnixTimeSeconds()}"));
        return await SucceededAsync(SignInVerdict.SignedIn, user, surface, "password and code", cancellationToken);
    }

    private const string UsedCodeProvider = "MobilityMentoring", UsedCodeName = "last-authenticator-code";

    /// <summary>How long Identity's authenticator provider still accepts a code: its own step and two either side.</summary>
    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(3);

    private Task<SignInVerdict> SucceededAsync(SignInVerdict verdict, BotUser user, SignInSurface surface, string how, CancellationToken cancellationToken)
    {
        if (surface == SignInSurface.Api)
        {
            // The bearer handler has written its answer already; a script keeps no cookies anyway.
            return AuditedAsync(verdict, user, AuditAction.TokenIssued, $"api, {how}", cancellationToken);
        }

        devices.Remember(signIn.Context, user.Email!);
        return AuditedAsync(verdict, user, AuditAction.SignIn, $"dashboard, {how}", cancellationToken);
    }

    private async Task<SignInVerdict> RefusedAsync(BotUser? user, string? email, SignInSurface surface, string reason, CancellationToken cancellationToken)
    {
        var detail = $"{(surface == SignInSurface.Api ? "api" : "dashboard")}, {reason}";
        if (user is not null)
        {
            return await AuditedAsync(SignInVerdict.Refused, user, AuditAction.SignInFailed, detail, cancellationToken);
        }

        db.AuditEntries.Add(new AuditEntry { At = time.GetUtcNow(), Actor = "anonymous", Action = AuditAction.SignInFailed, Subject = $"email:{MaskedEmail(email)}", Detail = detail });
        await db.SaveChangesAsync(cancellationToken);
        return SignInVerdict.Refused;
    }

    private async Task<SignInVerdict> AuditedAsync(SignInVerdict verdict, BotUser user, AuditAction action, string detail, CancellationToken cancellationToken)
    {
        db.AuditEntries.Add(new AuditEntry { At = time.GetUtcNow(), Actor = user.Id, Action = action, Subject = $"user:{user.Id}", Detail = detail });
        await db.SaveChangesAsync(cancellationToken);
        return verdict;
    }

    private static string Reason(SignInResult result) => result.IsLockedOut ? "locked" : result.IsNotAllowed ? "not allowed" : "password";

    private void TakeAsLongAsAPassword(string? password)
    {
        var hasher = signIn.UserManager.PasswordHasher;
        decoy ??= hasher.HashPassword(new BotUser(), Guid.NewGuid().ToString());
        hasher.VerifyHashedPassword(new BotUser(), decoy, password ?? "");
    }

    /// <summary>"s***@gemeente.nl": enough to see a pattern in the log, not enough to learn whose address it was.</summary>
    private const int MaxMaskedEmail = 150;

    internal static string MaskedEmail(string? email)
    {
        var trimmed = (email ?? "").Trim();
        var at = trimmed.LastIndexOf('@');
        var masked = at <= 0 ? "***" : $"{char.ToLowerInvariant(trimmed[0])}***{trimmed[at..].ToLowerInvariant()}";
        return masked.Length <= MaxMaskedEmail ? masked : masked[..MaxMaskedEmail]; // the audit subject holds 200 characters
    }
}
