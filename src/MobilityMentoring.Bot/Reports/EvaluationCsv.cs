using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MobilityMentoring.Bot.Reports;

/// <summary>
/// Writes the evaluation rows as CSV, each client named by a pseudonym only. Every cell is a number, a date, a
/// pillar's enum name or yes/no: no cell can carry what a client or mentor wrote, so none needs escaping.
/// </summary>
public static class EvaluationCsv
{
    public const string Header =
        "pseudonym,programme_id,week,pillar,steps_agreed,steps_done,steps_not_yet,check_ins_sent,check_ins_answered,points_earned_in_week,crisis_in_week,opted_out_in_week";

    /// <summary>
    /// Rows sorted by pseudonym, then week: the order carries nothing of the ids (sorted by id, the first rows of two
    /// exports would be the same client, and the pseudonyms would link after all).
    /// </summary>
    public static string Write(IEnumerable<EvaluationRow> rows)
    {
        using var pseudonyms = new Pseudonyms();
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var (pseudonym, row) in rows.Select(r => (Pseudonym: pseudonyms.Of(r.ClientId), Row: r)).OrderBy(r => r.Pseudonym, StringComparer.Ordinal).ThenBy(r => r.Row.Monday))
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{pseudonym},{row.ProgrammeId},{row.Monday:yyyy-MM-dd},{row.Pillar},{row.StepsAgreed},{row.StepsDone},{row.StepsNotYet},{row.CheckInsSent},{row.CheckInsAnswered},{row.PointsEarned},{YesNo(row.Crisis)},{YesNo(row.OptedOut)}\n");
        }

        return csv.ToString();
    }

    private static string YesNo(bool value) => value ? "yes" : "no";

    /// <summary>
    /// Pseudonyms for one export: HMAC-SHA256 of the client id under a random 256-bit secret made here, never stored,
    /// logged or returned, and wiped when the export is written. Within one export a client keeps one pseudonym; no
    /// one, the service included, can link it to another export's or compute it from an id.
    /// </summary>
    private sealed class Pseudonyms : IDisposable
    {
        /// <summary>16 hex characters (64 bits): collisions are out of reach for any caseload.</summary>
        private const int Bytes = 8;

        private readonly byte[] secret = RandomNumberGenerator.GetBytes(32);

        public string Of(int clientId)
        {
            Span<byte> id = stackalloc byte[sizeof(int)];
            BinaryPrimitives.WriteInt32BigEndian(id, clientId);
            Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(secret, id, hash);
            return Convert.ToHexStringLower(hash[..Bytes]);
        }

        public void Dispose() => CryptographicOperations.ZeroMemory(secret);
    }
}
