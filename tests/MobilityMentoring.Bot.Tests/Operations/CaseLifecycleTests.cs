using MobilityMentoring.Bot.Privacy;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Operations;

/// <summary>What a newcomer needs to run a real programme: start one, enrol, move, close and reopen a case.</summary>
public sealed class CaseLifecycleTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public async Task A_coordinator_starts_a_programme_on_the_page_and_by_the_API_and_both_check_the_same_fields()
    {
        using var coordinator = app.CreateClientAs("coordinator", Roles.Coordinator);
        var keyword = "K" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

        using var created = await coordinator.PostAsJsonAsync("/api/programmes/", new { name = "Schulden de baas", timeZone = "Europe/Amsterdam", joinKeyword = keyword.ToLowerInvariant() });
        using var badZone = await coordinator.PostAsJsonAsync("/api/programmes/", new { name = "Elders", timeZone = "Mars/Olympus" });
        using var taken = await coordinator.PostAsJsonAsync("/api/programmes/", new { name = "Nog een", joinKeyword = keyword });
        using var page = await coordinator.PostFormAsync("/programmes", "Create", [new("name", "Werk en geld"), new("timeZone", "Europe/Amsterdam")]);
        using var pageTaken = await coordinator.PostFormAsync("/programmes", "Create", [new("name", "Dubbel"), new("joinKeyword", keyword)]);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(keyword, (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("joinKeyword").GetString());
        Assert.Contains("timeZone", await ProblemFieldsAsync(badZone));
        Assert.Contains("joinKeyword", await ProblemFieldsAsync(taken));
        await using var scope = app.NewScope();
        Assert.True(await scope.Db.Programmes.AnyAsync(p => p.Name == "Werk en geld"));
        Assert.False(await scope.Db.Programmes.AnyAsync(p => p.Name == "Dubbel" || p.Name == "Nog een" || p.Name == "Elders"));
        Assert.Equal(2, await scope.Db.AuditEntries.CountAsync(a => a.Action == AuditAction.ProgrammeCreate && a.Actor == "coordinator"));
    }

    [Fact]
    public async Task A_number_in_an_open_case_is_refused_on_the_page_and_by_the_API_even_in_another_programme()
    {
        var existing = await app.AddClientAsync(Phones.Next());
        var otherProgramme = await AddProgrammeAsync();
        var mentorId = await AddMentorAsync("Noor");
        using var mentor = app.CreateClientAs(mentorId, Roles.Mentor);

        using var api = await mentor.PostAsJsonAsync("/api/clients/", new { phone = existing.Phone.Value, firstName = "Twee", programmeId = otherProgramme });
        using var page = await mentor.PostFormAsync("/", "Enrol", [new("phone", existing.Phone.Value), new("firstName", "Twee"), new("programmeId", $"{otherProgramme}")]);
        using var fresh = await mentor.PostFormAsync("/", "Enrol", [new("phone", Phones.Next()), new("firstName", "Nieuw"), new("language", "en")]);
        using var badPhone = await mentor.PostAsJsonAsync("/api/clients/", new { phone = "bel me" });

        Assert.Equal(HttpStatusCode.Conflict, api.StatusCode);
        Assert.Contains("phone", await ProblemFieldsAsync(badPhone));
        await using var scope = app.NewScope();
        Assert.Equal(1, await scope.Db.Clients.CountAsync(c => c.Phone == existing.Phone));
        var enrolled = await scope.Db.Clients.SingleAsync(c => c.FirstName == "Nieuw");
        Assert.Equal((mentorId, "en"), (enrolled.MentorId, enrolled.Language));
    }

    [Fact]
    public async Task A_client_moved_to_another_mentor_brings_the_history_and_the_first_mentor_no_longer_sees_them()
    {
        var client = await app.AddClientAsync(Phones.Next());
        await app.ReceiveAsync(client.Phone.Value, "Hoi");
        var joris = await AddMentorAsync("Joris");
        using var coordinator = app.CreateClientAs("coordinator", Roles.Coordinator);
        using var first = app.CreateClientAs(client.MentorId!, Roles.Mentor);
        using var second = app.CreateClientAs(joris, Roles.Mentor);

        using var notAMentor = await coordinator.PostAsJsonAsync($"/api/clients/{client.Id}/mentor", new { mentorId = "coordinator" });
        using var moved = await coordinator.PostAsJsonAsync($"/api/clients/{client.Id}/mentor", new { mentorId = joris });

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.OK), (notAMentor.StatusCode, moved.StatusCode));
        Assert.Contains("Hoi", await second.GetStringAsync($"/api/clients/{client.Id}/transcript"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await first.GetAsync($"/api/clients/{client.Id}/transcript")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await first.GetAsync($"/clients/{client.Id}")).StatusCode);
        await using var scope = app.NewScope();
        var audit = await scope.Db.AuditEntries.SingleAsync(a => a.Action == AuditAction.ClientMove && a.Subject == $"client:{client.Id}");
        Assert.Equal($"{client.MentorId} -> {joris}", audit.Detail);
    }

    [Fact]
    public async Task A_closed_case_says_goodbye_once_then_the_number_is_unknown_until_the_mentor_reopens_it()
    {
        var client = await app.AddClientAsync(Phones.Next());
        var phone = client.Phone.Value;
        await app.ReceiveAsync(phone, "Hoi");
        await app.Twilio.WaitForMessageToAsync(phone);
        using var mentor = app.CreateClientAs(client.MentorId!, Roles.Mentor);

        using var noReason = await mentor.PostAsJsonAsync($"/api/clients/{client.Id}/close", new { reason = " " });
        using var closed = await mentor.PostAsJsonAsync($"/api/clients/{client.Id}/close", new { reason = "Werk gevonden" });
        using var again = await mentor.PostFormAsync($"/clients/{client.Id}/case", "Close", [new("reason", "Nog eens")]);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.NoContent), (noReason.StatusCode, closed.StatusCode));
        var goodbye = (await app.Twilio.WaitForMessagesToAsync(phone, 2))[^1];
        Assert.Contains("afgesloten", goodbye.Form["Body"], StringComparison.Ordinal);

        await app.ReceiveAsync(phone, "Hoi, ben je er nog?"); // the same day: the goodbye was the one answer for today
        app.Time.Advance(TimeSpan.FromDays(1));
        await app.ReceiveAsync(phone, "Hoi, ben je er nog?");
        var answer = (await app.Twilio.WaitForMessagesToAsync(phone, 3))[^1];
        Assert.Contains("kennen we nog niet", answer.Form["Body"], StringComparison.Ordinal);
        Assert.Single(app.Twilio.Accepted, r => r.Form["To"] == phone && r.Form["Body"].Contains("afgesloten", StringComparison.Ordinal));
        await using (var written = app.NewScope())
        {
            Assert.Equal(3, await written.Db.Messages.CountAsync(m => m.To == phone)); // turns commit before the webhook answers
        }

        using var reopened = await mentor.PostAsJsonAsync($"/api/clients/{client.Id}/reopen", new { });
        Assert.Equal(HttpStatusCode.NoContent, reopened.StatusCode);
        await app.ReceiveAsync(phone, "Hoi");
        var back = (await app.Twilio.WaitForMessagesToAsync(phone, 4))[^1];
        Assert.DoesNotContain("kennen we nog niet", back.Form["Body"], StringComparison.Ordinal);
        await using var scope = app.NewScope();
        Assert.Equal([AuditAction.CaseClose, AuditAction.CaseReopen], await scope.Db.AuditEntries.Where(a => a.Subject == $"client:{client.Id}" && (a.Action == AuditAction.CaseClose || a.Action == AuditAction.CaseReopen))
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task A_case_is_not_reopened_while_its_number_has_another_open_case_and_a_client_who_said_STOP_gets_no_goodbye()
    {
        var client = await app.AddClientAsync(Phones.Next());
        await app.ReceiveAsync(client.Phone.Value, "STOP");
        await app.Twilio.WaitForMessageToAsync(client.Phone.Value);

        using var mentor = app.CreateClientAs(client.MentorId!, Roles.Mentor);
        using var closed = await mentor.PostAsJsonAsync($"/api/clients/{client.Id}/close", new { reason = "Wil niet meer" });
        using var enrolledAgain = await mentor.PostAsJsonAsync("/api/clients/", new { phone = client.Phone.Value, firstName = "Opnieuw" });
        using var reopened = await mentor.PostAsJsonAsync($"/api/clients/{client.Id}/reopen", new { });

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.Created, HttpStatusCode.Conflict), (closed.StatusCode, enrolledAgain.StatusCode, reopened.StatusCode));
        await using var scope = app.NewScope();
        Assert.False(await scope.Db.Messages.AnyAsync(m => m.ClientId == client.Id && m.Body.Contains("afgesloten")));
    }

    [Fact]
    public async Task A_double_click_on_close_sends_one_goodbye_and_a_closed_case_gets_no_mentor_message()
    {
        var client = await app.AddClientAsync(Phones.Next());
        await app.ReceiveAsync(client.Phone.Value, "Hoi");
        using var mentor = app.CreateClientAs(client.MentorId!, Roles.Mentor);

        var clicks = await Task.WhenAll(
            mentor.PostAsJsonAsync($"/api/clients/{client.Id}/close", new { reason = "Klaar" }),
            mentor.PostAsJsonAsync($"/api/clients/{client.Id}/close", new { reason = "Klaar" }));
        using var message = await mentor.PostAsJsonAsync($"/api/clients/{client.Id}/messages", new { text = "Nog één ding" });

        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.Conflict], clicks.Select(c => c.StatusCode).Order());
        Assert.Equal(HttpStatusCode.Conflict, message.StatusCode);
        await using var scope = app.NewScope();
        Assert.Equal(1, await scope.Db.Messages.CountAsync(m => m.ClientId == client.Id && m.Body.Contains("afgesloten")));
        Assert.False(await scope.Db.Messages.AnyAsync(m => m.ClientId == client.Id && m.Body == "Nog één ding"));
        Assert.Equal(1, await scope.Db.AuditEntries.CountAsync(a => a.Action == AuditAction.CaseClose && a.Subject == $"client:{client.Id}"));
    }

    [Fact]
    public async Task Only_mentors_have_a_caseload_and_only_coordinators_move_a_client_on_the_page_too()
    {
        var client = await app.AddClientAsync(Phones.Next());
        var other = await AddMentorAsync("Ilse");
        using var admin = app.CreateClientAs("admin-only", Roles.Admin);
        using var mentor = app.CreateClientAs(client.MentorId!, Roles.Mentor);
        var phone = Phones.Next();

        using var apiByAdmin = await app.CreateClientAs("admin-mentor", Roles.Admin, Roles.Coordinator).PostAsJsonAsync("/api/clients/", new { phone, mentorId = "admin-mentor" });
        using var pageByAdmin = await admin.PostFormAsync("/", "Enrol", [new("phone", phone), new("firstName", "Door admin")]);
        using var moveByMentor = await mentor.PostFormAsync($"/clients/{client.Id}/case", "Move", [new("mentorId", other)]);

        Assert.Equal("Niet aangemeld: kies een mentor.", await admin.NoticeAfterAsync(pageByAdmin));
        Assert.Equal(HttpStatusCode.NotFound, moveByMentor.StatusCode);

        Assert.Equal(HttpStatusCode.BadRequest, apiByAdmin.StatusCode);
        await using var scope = app.NewScope();
        Assert.False(await scope.Db.Clients.AnyAsync(c => c.Phone == MobilityMentoring.Bot.Channels.PhoneNumber.Parse(phone)));
        Assert.Equal(client.MentorId, await scope.Db.Clients.Where(c => c.Id == client.Id).Select(c => c.MentorId).SingleAsync());
    }

    private async Task<int> AddProgrammeAsync()
    {
        await using var scope = app.NewScope();
        var programme = new Programme { Name = "Ander programma " + Guid.NewGuid().ToString("N"), CreatedAt = app.Time.GetUtcNow() };
        scope.Db.Programmes.Add(programme);
        await scope.Db.SaveChangesAsync();
        return programme.Id;
    }

    private async Task<string> AddMentorAsync(string name)
    {
        await using var scope = app.NewScope();
        var users = scope.Services.GetRequiredService<UserManager<BotUser>>();
        var user = new BotUser { UserName = $"{name}-{Guid.NewGuid():N}@case.test", Email = $"{name}-{Guid.NewGuid():N}@case.test", FirstName = name };
        Assert.True((await users.CreateAsync(user)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Mentor)).Succeeded);
        return user.Id;
    }

    private static async Task<IEnumerable<string>> ProblemFieldsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return problem.GetProperty("errors").EnumerateObject().Select(e => e.Name);
    }
}

/// <summary>Closing at night: the goodbye waits for the morning, and a reopen before then takes it back.</summary>
public sealed class CaseClosedAtNightTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public async Task A_case_reopened_before_the_morning_never_sends_its_goodbye_and_a_client_never_written_to_gets_none()
    {
        app.Time.Advance(TimeSpan.FromHours(14)); // 22:00 UTC, 23:00 in Amsterdam
        var client = await app.AddClientAsync(Phones.Next());
        var newcomer = await app.AddClientAsync(Phones.Next(), newcomer: true);
        await using (var arrange = app.NewScope())
        {
            arrange.Db.Messages.Add(new Message
            {
                ClientId = client.Id, Direction = MessageDirection.Inbound, Channel = Channel.Sms, From = client.Phone.Value,
                To = TwilioAppFactory.SmsFrom, Body = "Hoi", Status = MessageStatus.Processed, CreatedAt = app.Time.GetUtcNow(),
            });
            await arrange.Db.SaveChangesAsync();
        }

        using var mentor = app.CreateClientAs(client.MentorId!, Roles.Mentor);
        using var newcomersMentor = app.CreateClientAs(newcomer.MentorId!, Roles.Mentor);
        Assert.Equal(HttpStatusCode.NoContent, (await mentor.PostAsJsonAsync($"/api/clients/{client.Id}/close", new { reason = "Per ongeluk" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await newcomersMentor.PostAsJsonAsync($"/api/clients/{newcomer.Id}/close", new { reason = "Niet gestart" })).StatusCode);
        await using var scope = app.NewScope();
        var goodbye = await scope.Db.Messages.SingleAsync(m => m.To == client.Phone.Value);
        Assert.Equal(MessageStatus.Pending, goodbye.Status);
        Assert.False(await scope.Db.Messages.AnyAsync(m => m.ClientId == newcomer.Id));

        Assert.Equal(HttpStatusCode.NoContent, (await mentor.PostAsJsonAsync($"/api/clients/{client.Id}/reopen", new { })).StatusCode);
        app.Time.Advance(TimeSpan.FromHours(10)); // the morning
        await app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<MobilityMentoring.Bot.Channels.Outbox.OutboxDispatcher>().Single()
            .DispatchBatchAsync(CancellationToken.None);

        Assert.False(await scope.Db.Messages.AnyAsync(m => m.To == client.Phone.Value));
        Assert.DoesNotContain(app.Twilio.Requests, r => r.Form["To"] == client.Phone.Value);
        Assert.Equal("unsent goodbye withdrawn", (await scope.Db.AuditEntries.SingleAsync(a => a.Action == AuditAction.CaseReopen && a.Subject == $"client:{client.Id}")).Detail);
    }
}
