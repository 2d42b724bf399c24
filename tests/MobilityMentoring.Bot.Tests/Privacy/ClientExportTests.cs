using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Privacy;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Privacy;

/// <summary>An access request (AVG art. 15/20): everything about the client, nothing about anyone else, and every export logged.</summary>
public sealed class ClientExportTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public async Task The_JSON_holds_every_message_of_the_client_and_nothing_of_another_client()
    {
        var (mine, client) = await ChattingClientAsync("Mijn huur is 812 euro", "en");
        var (theirs, other) = await ChattingClientAsync("Geheim van een ander 4711", "nl");
        await using (var scope = app.NewScope())
        {
            scope.Db.Flags.Add(new Flag { ClientId = client.Id, Kind = FlagKind.Help, Note = "wants a call", RaisedAt = app.Time.GetUtcNow() });
            await scope.Db.SaveChangesAsync();
        }

        using var mentor = app.CreateClientAs(client.MentorId!, Roles.Mentor);
        using var response = await mentor.GetAsync($"/api/clients/{client.Id}/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"client-{client.Id}-export.json", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        var raw = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(raw);

        await using var check = app.NewScope();
        var expected = await check.Db.Messages.Where(m => m.ClientId == client.Id || m.From == mine.Phone || m.To == mine.Phone)
            .OrderBy(m => m.Id).Select(m => new { m.Id, m.Body }).ToListAsync();
        Assert.Contains(expected, m => m.Body == "Wie is dit?");
        Assert.True(expected.Count >= 4); // two messages each way at least
        var exported = json.RootElement.GetProperty("messages").EnumerateArray()
            .Select(m => new { Id = m.GetProperty("id").GetInt64(), Body = m.GetProperty("body").GetString()! }).ToList();
        Assert.Equal(expected, exported);
        Assert.Contains("Mijn huur is 812 euro", raw, StringComparison.Ordinal);
        Assert.Equal(mine.Phone, json.RootElement.GetProperty("client").GetProperty("phone").GetString());
        Assert.Equal("Help", json.RootElement.GetProperty("flags")[0].GetProperty("kind").GetString());
        Assert.NotEmpty(json.RootElement.GetProperty("consents").EnumerateArray());
        Assert.Equal("Rust in mijn geld", json.RootElement.GetProperty("goals")[0].GetProperty("title").GetString());

        // Nothing of the other client: not their words, not their number, not their id as a client.
        Assert.DoesNotContain("4711", raw, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.Phone, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(other.Phone.Value[^6..], raw, StringComparison.Ordinal);

        // The export itself is in the access list, by the mentor's first name, and in the audit log.
        var access = json.RootElement.GetProperty("access").EnumerateArray().Last();
        Assert.Equal(("client.export", "Sanne"), (access.GetProperty("action").GetString(), access.GetProperty("by").GetString()));
        Assert.Single(await check.Db.AuditEntries.Where(a => a.Action == AuditAction.ClientExport && a.Subject == $"client:{client.Id}").ToListAsync());
    }

    [Fact]
    public async Task Only_the_own_mentor_exports_and_an_admin_only_for_a_written_request_that_is_logged()
    {
        var (_, client) = await ChattingClientAsync("Hoi", "nl");
        using var otherMentor = app.CreateClientAs("someone-else", Roles.Mentor);
        using var coordinator = app.CreateClientAs("coordinator", Roles.Coordinator);
        using var admin = app.CreateClientAs("admin", Roles.Admin);

        Assert.Equal(HttpStatusCode.NotFound, (await otherMentor.GetAsync($"/api/clients/{client.Id}/export")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/api/clients/{client.Id}/export")).StatusCode);
        using var noReason = await admin.GetAsync($"/api/clients/{client.Id}/export");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reason", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/clients/{client.Id}/export?reason=brief%20van%2012-11%20kenmerk%20AV-7")).StatusCode);

        await using var scope = app.NewScope();
        var logged = await scope.Db.AuditEntries.Where(a => a.Action == AuditAction.ClientExport && a.Subject == $"client:{client.Id}").ToListAsync();
        Assert.Equal(("admin", "api, on request: brief van 12-11 kenmerk AV-7"), (Assert.Single(logged).Actor, logged[0].Detail));
    }

    [Fact]
    public async Task The_readable_page_is_in_the_clients_language_and_an_admin_is_asked_for_the_request_first()
    {
        var (_, client) = await ChattingClientAsync("Thanks, talk tomorrow", "en");
        using var mentor = app.CreateClientAs(client.MentorId!, Roles.Mentor);
        var page = await mentor.GetStringAsync($"/clients/{client.Id}/export");
        Assert.Contains("What we keep about you", page, StringComparison.Ordinal);
        Assert.Contains("Thanks, talk tomorrow", page, StringComparison.Ordinal);
        Assert.Contains("Who viewed or changed your data", page, StringComparison.Ordinal);

        using var admin = app.CreateClientAs("admin", Roles.Admin);
        var form = await admin.GetStringAsync($"/clients/{client.Id}/export");
        Assert.Contains("id=\"export-reason\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("Thanks, talk tomorrow", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClientAs("someone-else", Roles.Mentor).GetAsync($"/clients/{client.Id}/export")).StatusCode);
    }

    /// <summary>A client who joined by chat (so there is a consent record) and then said <paramref name="text"/>.</summary>
    private async Task<(Chat Chat, Client Client)> ChattingClientAsync(string text, string language)
    {
        var chat = new Chat(app, Phones.Next());
        await chat.SendAsync("Wie is dit?"); // before they were a client: theirs too
        var client = await app.AddClientAsync(chat.Phone, language: language, newcomer: true);
        await chat.SayAsync("Hoi");
        await chat.SayAsync("1");
        await chat.SayAsync("1");
        await chat.SayAsync("3");
        await chat.SayAsync("Rust in mijn geld");
        await chat.SayAsync(text);
        return (chat, client);
    }
}
