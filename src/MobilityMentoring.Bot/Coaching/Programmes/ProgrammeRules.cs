using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Data;

namespace MobilityMentoring.Bot.Coaching.Programmes;

/// <summary>What a programme's settings must be, for creating one and for changing one.</summary>
public static class ProgrammeRules
{
    public const int MaxNameLength = 200;
    public const int MaxKeywordLength = 32;

    /// <summary>The info page goes into the welcome SMS, so it is short.</summary>
    public const int MaxInfoUrlLength = 32;

    /// <summary>Empty, or an absolute web address short enough for the welcome SMS.</summary>
    public static bool IsValidInfoUrl(string? url) =>
        string.IsNullOrEmpty(url) || (url.Length <= MaxInfoUrlLength && Uri.TryCreate(url, UriKind.Absolute, out _));

    public const int MaxInfoVersionLength = 20;

    /// <summary>An info page version as a coordinator names it: "2", "2026-12", "v1.1".</summary>
    public static bool IsValidInfoVersion(string? version) =>
        version is { Length: > 0 and <= MaxInfoVersionLength } && version.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-');

    public const string KeywordTaken = "Another programme has this join keyword.";

    /// <summary>A join keyword as stored: trimmed, upper case; null when empty.</summary>
    public static string? Keyword(string? written) => string.IsNullOrWhiteSpace(written) ? null : written.Trim().ToUpperInvariant();

    /// <summary>
    /// Saves a programme; false when another programme took <paramref name="keyword"/> in the meantime (the unique index
    /// chose between two saves at once). Any other failure is thrown.
    /// </summary>
    public static async Task<bool> TrySaveAsync(BotDbContext db, int? programmeId, string? keyword, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException) when (keyword is not null)
        {
            if (await db.Programmes.AsNoTracking().AnyAsync(p => p.JoinKeyword == keyword && p.Id != programmeId, cancellationToken))
            {
                return false;
            }

            throw;
        }
    }

    /// <summary>Problems with a name and join keyword, by field (empty when both are fine).</summary>
    public static async Task<Dictionary<string, string[]>> CheckAsync(
        BotDbContext db, int? programmeId, string? name, string? keyword, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength)
        {
            errors["name"] = [$"Between 1 and {MaxNameLength} characters."];
        }

        if (keyword is not null && (keyword.Length > MaxKeywordLength || !keyword.All(char.IsLetterOrDigit)))
        {
            errors["joinKeyword"] = [$"Letters and digits only, at most {MaxKeywordLength}."];
        }
        else if (keyword is not null && await db.Programmes.AnyAsync(p => p.JoinKeyword == keyword && p.Id != programmeId, cancellationToken))
        {
            errors["joinKeyword"] = [KeywordTaken];
        }

        return errors;
    }
}
