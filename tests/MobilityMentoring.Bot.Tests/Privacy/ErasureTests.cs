using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.DataRights;
using MobilityMentoring.Bot.Privacy;
using MobilityMentoring.Bot.Summaries;
using MobilityMentoring.Bot.Tests.Infrastructure;
using Npgsql;

namespace MobilityMentoring.Bot.Tests.Privacy;

/// <summary>The right to erasure (AVG art. 17): nothing of the person stays, here or at Twilio, but a tombstone and the books.</summary>
public sealed class ErasureTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public async Task After_erasure_no_table_holds_the_phone_the_name_or_any_words_and_Twilio_deleted_every_copy()
    {
        var (chat, client, words) = await ClientWithHistoryAsync();
        var name = "Xiomara" + Guid.NewGuid().ToString("N")[..6];
        await using (var scope = app.NewScope())
        {
            await scope.Db.Clients.Where(c => c.Id == client.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.FirstName, name));
        }

        var sids = await SentAndReceivedSidsAsync(chat.Phone);
        Assert.True(sids.Count >= 8, $"both ways, before and after joining: {sids.Count}");
        Assert.NotEmpty(await TextColumnsHoldingAsync(chat.Phone[1..]));

        using var coordinator = app.CreateClientAs("coordinator", Roles.Coordinator);
        using var erased = await coordinator.PostAsJsonAsync($"/api/clients/{client.Id}/erase", new { reason = "verzoek per brief, dossier 2026-118" });
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var report = await erased.Content.ReadFromJsonAsync<ErasureReport>();
        Assert.Equal((sids.Count, 1), (report!.TwilioCopies, report.PayoutsKept));

        await RunTwilioCopiesJobAsync();
        Assert.Empty(sids.Except(app.Twilio.Deletes));

        foreach (var needle in words.Append(name).Append(chat.Phone[1..]).Append(chat.Phone[^9..]))
        {
            Assert.True((await TextColumnsHoldingAsync(needle)).Count == 0, $"'{needle}' is still in {string.Join(", ", await TextColumnsHoldingAsync(needle))}");
        }

        await using var check = app.NewScope();
        Assert.Empty(await check.Db.TwilioDeletions.Where(d => sids.Contains(d.MessageSid)).ToListAsync());
        var tombstone = await check.Db.AuditEntries.SingleAsync(a => a.Action == AuditAction.ClientErase && a.Subject == $"client:{client.Id}");
        Assert.Equal("coordinator", tombstone.Actor);
        Assert.StartsWith("verzoek per brief, dossier 2026-118;", tombstone.Detail, StringComparison.Ordinal);
        Assert.Contains("kept 1 payout(s), art. 17(3)(b)", tombstone.Detail, StringComparison.Ordinal);
        var payout = await check.Db.RetainedPayouts.SingleAsync(p => p.ClientId == client.Id);
        Assert.Equal((25m, "milestone 50"), (payout.Amount, payout.Reason));
        Assert.False(await check.Db.Clients.AnyAsync(c => c.Id == client.Id));
    }

    [Fact]
    public async Task A_copy_Twilio_cannot_delete_yet_is_tried_again_later_and_not_lost()
    {
        var (chat, client, _) = await ClientWithHistoryAsync();
        var sids = await SentAndReceivedSidsAsync(chat.Phone);
        using var coordinator = app.CreateClientAs("coordinator", Roles.Coordinator);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/clients/{client.Id}/erase", new { reason = "verzoek" })).StatusCode);

        app.Twilio.FailNextDelete(409); // "still on its way": Twilio will not delete it yet
        await RunTwilioCopiesJobAsync();
        await using (var scope = app.NewScope())
        {
            var waiting = Assert.Single(await scope.Db.TwilioDeletions.Where(d => sids.Contains(d.MessageSid)).ToListAsync());
            Assert.Equal(1, waiting.Attempts);
            Assert.True(waiting.NextAttemptAt > app.Time.GetUtcNow());
        }

        await RunTwilioCopiesJobAsync(); // not due yet: left alone
        Assert.Equal(sids.Count, app.Twilio.Deletes.Count(sids.Contains));
        app.Time.Advance(TimeSpan.FromMinutes(5));
        await RunTwilioCopiesJobAsync();

        await using var check = app.NewScope();
        Assert.Empty(await check.Db.TwilioDeletions.Where(d => sids.Contains(d.MessageSid)).ToListAsync());
        Assert.Equal(sids.Count + 1, app.Twilio.Deletes.Count(sids.Contains));
    }

    [Fact]
    public async Task Only_a_coordinator_erases_with_a_reason_and_the_page_asks_to_confirm()
    {
        var client = await app.AddClientAsync(Phones.Next());
        using var mentor = app.CreateClientAs(client.MentorId!, Roles.Mentor);
        using var coordinator = app.CreateClientAs("coordinator", Roles.Coordinator);

        Assert.Equal(HttpStatusCode.Forbidden, (await mentor.PostAsJsonAsync($"/api/clients/{client.Id}/erase", new { reason = "x" })).StatusCode);
        Assert.DoesNotContain("id=\"erase\"", await mentor.GetStringAsync($"/clients/{client.Id}/case"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await coordinator.PostAsJsonAsync($"/api/clients/{client.Id}/erase", new { reason = " " })).StatusCode);
        Assert.Contains("id=\"erase\"", await coordinator.GetStringAsync($"/clients/{client.Id}/case"), StringComparison.Ordinal);

        using var unconfirmed = await coordinator.PostFormAsync($"/clients/{client.Id}/case", "Erase", [new("reason", "verzoek")]);
        await using (var scope = app.NewScope())
        {
            Assert.True(await scope.Db.Clients.AnyAsync(c => c.Id == client.Id));
        }

        using var confirmed = await coordinator.PostFormAsync($"/clients/{client.Id}/case", "Erase", [new("reason", "verzoek"), new("understood", "true")]);
        Assert.Equal("/", confirmed.Headers.Location?.OriginalString);
        await using var check = app.NewScope();
        Assert.False(await check.Db.Clients.AnyAsync(c => c.Id == client.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.PostAsJsonAsync($"/api/clients/{client.Id}/erase", new { reason = "again" })).StatusCode);
    }

    /// <summary>
    /// A number that wrote before it was a client, then joined by chat, planned a step, and has a flag, a summary, step
    /// points and an approved payout. Returns the words only this client's data holds.
    /// </summary>
    private async Task<(Chat Chat, Client Client, List<string> Words)> ClientWithHistoryAsync()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var chat = new Chat(app, Phones.Next());
        await chat.SendAsync($"Hallo wie is dit vroeg{marker}");
        var client = await app.AddClientAsync(chat.Phone, newcomer: true);
        await chat.SayAsync("Hoi");
        await chat.SayAsync("1");
        await chat.SayAsync("1");
        await chat.SayAsync("3");
        await chat.SayAsync($"Doel{marker} op orde");
        await chat.SayAsync($"Stap{marker} bellen");
        await chat.SayAsync("morgen");
        await chat.SayAsync("ja");
        await using var scope = app.NewScope();
        var now = app.Time.GetUtcNow();
        scope.Db.Flags.Add(new Flag { ClientId = client.Id, Kind = FlagKind.Help, Note = $"zei Notitie{marker}", RaisedAt = now });
        scope.Db.Summaries.Add(new Summary { ClientId = client.Id, PeriodStart = now.AddDays(-7), PeriodEnd = now, Text = $"Samenvatting{marker}", CreatedAt = now });
        scope.Db.RewardEntries.Add(new RewardEntry { ClientId = client.Id, Kind = RewardKind.StepPoints, Points = 10, Reason = "step", CreatedAt = now });
        scope.Db.RewardEntries.Add(new RewardEntry
        {
            ClientId = client.Id, Kind = RewardKind.Milestone, Amount = 25m, Reason = "milestone 50", CreatedAt = now,
            ApprovedAt = now, ApprovedById = client.MentorId, EvidenceNote = $"Bewijs{marker}",
        });
        await scope.Db.SaveChangesAsync();
        return (chat, client, [$"vroeg{marker}", $"Doel{marker}", $"Stap{marker}", $"Notitie{marker}", $"Samenvatting{marker}", $"Bewijs{marker}"]);
    }

    /// <summary>Every SID of a message from or to <paramref name="phone"/>, once the dispatcher has sent the replies.</summary>
    private async Task<List<string>> SentAndReceivedSidsAsync(string phone) =>
        await Eventually.GetAsync(async () =>
        {
            await using var scope = app.NewScope();
            var messages = await scope.Db.Messages.Where(m => m.From == phone || m.To == phone).ToListAsync();
            return messages.All(m => m.ProviderSid != null && m.Status is not (MessageStatus.Pending or MessageStatus.Dispatching))
                ? messages.Select(m => m.ProviderSid!).ToList()
                : null;
        }, sids => sids.Count > 0, "every reply sent");

    private async Task RunTwilioCopiesJobAsync()
    {
        await using var scope = app.NewScope();
        await scope.Services.GetRequiredService<TwilioCopiesJob>().RunAsync(CancellationToken.None);
    }

    /// <summary>"table.column" of every text column, in our schema and Hangfire's (job arguments too), holding <paramref name="needle"/>.</summary>
    private async Task<List<string>> TextColumnsHoldingAsync(string needle)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var columns = new List<(string Schema, string Table, string Column)>();
        await using (var list = new NpgsqlCommand("""
            SELECT c.table_schema, c.table_name, c.column_name FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
            WHERE c.table_schema IN ('public', 'hangfire') AND c.data_type IN ('text', 'character varying', 'json', 'jsonb', 'character')
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        var holding = new List<string>();
        foreach (var (schema, table, column) in columns)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{schema}\".\"{table}\" WHERE \"{column}\"::text LIKE '%' || @needle || '%'", connection);
            count.Parameters.AddWithValue("needle", needle);
            if ((long)(await count.ExecuteScalarAsync())! > 0)
            {
                holding.Add($"{schema}.{table}.{column}");
            }
        }

        return holding;
    }
}
