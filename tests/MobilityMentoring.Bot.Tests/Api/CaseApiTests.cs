using MobilityMentoring.Bot.Privacy;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Api;

public sealed class CaseApiTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public async Task A_mentor_script_reads_the_case_handles_a_flag_writes_to_the_client_and_moves_a_step()
    {
        var chat = new Chat(app, Phones.Next());
        var client = await app.AddClientAsync(chat.Phone);
        await chat.SayAsync("ik wil niet meer leven");
        string mentorId;
        int stepId;
        await using (var scope = app.NewScope())
        {
            mentorId = (await scope.Db.Clients.SingleAsync(c => c.Id == client.Id)).MentorId!;
            stepId = await scope.Db.Steps.Where(s => s.Goal!.ClientId == client.Id).Select(s => s.Id).SingleAsync();
        }

        var mentor = app.CreateClientAs(mentorId, Roles.Mentor);
        var caseload = await mentor.GetFromJsonAsync<JsonElement>("/api/caseload");
        Assert.Equal(0, caseload[0].GetProperty("need").GetInt32()); // crisis first
        var flags = await mentor.GetFromJsonAsync<JsonElement>($"/api/clients/{client.Id}/flags");
        var flagId = flags[0].GetProperty("id").GetInt32();
        Assert.Equal("Crisis", flags[0].GetProperty("kind").GetString());
        var transcript = await mentor.GetFromJsonAsync<JsonElement>($"/api/clients/{client.Id}/transcript");
        Assert.Equal(2, transcript.GetArrayLength());
        var summary = await mentor.GetFromJsonAsync<JsonElement>($"/api/clients/{client.Id}/summary");
        Assert.Contains("Crisis gemeld", summary.GetProperty("text").GetString(), StringComparison.Ordinal);

        using var handled = await mentor.PostAsync($"/api/clients/{client.Id}/flags/{flagId}/handled", null);
        using var message = await mentor.PostAsJsonAsync($"/api/clients/{client.Id}/messages", new { text = "Ik bel je zo, Sanne", overrideQuietHours = true });
        using var moved = await mentor.PutAsJsonAsync($"/api/clients/{client.Id}/steps/{stepId}", new { dueDate = new DateOnly(2026, 11, 30), duePart = "Evening" });
        using var empty = await mentor.PostAsJsonAsync($"/api/clients/{client.Id}/messages", new { text = " " });

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.OK, HttpStatusCode.NoContent), (handled.StatusCode, message.StatusCode, moved.StatusCode));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("Ik bel je zo, Sanne", (await app.Twilio.WaitForMessageToAsync(chat.Phone)).Form["Body"]);
        await using var check = app.NewScope();
        Assert.NotNull((await check.Db.Flags.SingleAsync(f => f.Id == flagId)).HandledAt);
        var step = await check.Db.Steps.SingleAsync(s => s.Id == stepId);
        Assert.Equal((new DateOnly(2026, 11, 30), DayPart.Evening), (step.DueDate!.Value, step.DuePart!.Value));
        Assert.Equal(1, await check.Db.AuditEntries.CountAsync(a => a.Action == AuditAction.TranscriptView && a.Subject == $"client:{client.Id}"));
    }
}
