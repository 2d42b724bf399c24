using Npgsql;

namespace MobilityMentoring.Bot.Benchmarks;

/// <summary>Established clients (consent, an active goal, a step due today) of one mentor, written by SQL.</summary>
public static class SeededClients
{
    /// <summary>The phone number of seeded client <paramref name="i"/> (1-based, in the order written).</summary>
    public static string Phone(int i) => "+3162" + i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="warm"/> + <paramref name="count"/> clients, a goal and a step each: seeding 100,000 through EF would
    /// take longer than the run. The first <paramref name="warm"/> are due for a check-in now; the others not until
    /// something makes them due. In a time zone where it is about noon: quiet hours never hold a run back. Returns the zone.
    /// </summary>
    public static async Task<string> WithStepDueTodayAsync(string connectionString, int count, int warm)
    {
        // A zone where it is about noon now, so quiet hours never hold the run back whatever the hour here.
        var offset = 12 - DateTime.UtcNow.Hour;
        offset = offset > 12 ? offset - 24 : offset < -11 ? offset + 24 : offset;
        var zone = offset == 0 ? "Etc/GMT" : $"Etc/GMT{(offset > 0 ? "-" : "+")}{Math.Abs(offset)}";
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            INSERT INTO asp_net_users (id, first_name, language, user_name, normalized_user_name, email, normalized_email, email_confirmed, phone_number_confirmed,
                                       two_factor_enabled, lockout_enabled, access_failed_count, security_stamp, concurrency_stamp)
            VALUES ('bench-mentor', 'Sanne', 'nl', 'bench@test', 'BENCH@TEST', 'bench@test', 'BENCH@TEST', true, false, false, false, 0, 'x', 'x');
            INSERT INTO programmes (name, time_zone, points_per_step, milestone_every, created_at, days_mask, window_start, window_end, quiet_from,
                                    quiet_until, hard_topics_until, follow_up_after, follow_ups, max_per_week, max_per_day, max_per_step,
                                    unreachable_after_days, unreachable_nudge_every_days)
            VALUES ('Benchmark', '{zone}', 10, 50, now(), 127, '09:00', '20:00', '20:00', '09:00', '12:00', '24:00:00', 1, 3, 1, 2, 14, 30);
            INSERT INTO clients (programme_id, mentor_id, first_name, phone, channel, language, time_zone, consent_at, consent_version, preferred_time,
                                 next_contact_at, last_inbound_at, created_at)
            SELECT (SELECT max(id) FROM programmes), 'bench-mentor', 'Fatima', '+3162' || lpad(i::text, 7, '0'), 'Sms', 'nl', '{zone}',
                   now() - interval '2 days', '1', (now() AT TIME ZONE '{zone}')::time - interval '1 minute',
                   CASE WHEN i <= {warm} THEN now() - interval '1 minute' END, now() - interval '1 day', now() - interval '2 days'
            FROM generate_series(1, {warm + count}) i;
            INSERT INTO goals (client_id, pillar, title, status, created_at)
            SELECT id, 'WellBeing', 'Beter slapen', 'Active', now() - interval '2 days' FROM clients;
            INSERT INTO steps (goal_id, text, due_date, due_part, status, position, needs_verification, created_at)
            SELECT id, 'om 11 uur de telefoon weg', (now() AT TIME ZONE '{zone}')::date, 'Morning', 'Active', 0, false, now() - interval '1 day' FROM goals;
            ANALYZE;
            """, connection);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
        return zone;
    }

}
