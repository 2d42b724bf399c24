using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Reports;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Dashboard;

public sealed class ReportTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public async Task The_CSV_counts_this_weeks_active_clients_check_ins_steps_opt_outs_and_failed_sends()
    {
        var chat = new Chat(app, Phones.Next());
        var client = await app.AddClientAsync(chat.Phone);
        var quitter = new Chat(app, Phones.Next());
        await app.AddClientAsync(quitter.Phone);
        await using (var scope = app.NewScope())
        {
            var stepId = await scope.Db.Steps.Where(s => s.Goal!.ClientId == client.Id).Select(s => s.Id).SingleAsync();
            await chat.CheckInAsync(stepId);
        }

        await chat.NewRepliesAsync();
        await chat.SayAsync("1");
        await quitter.SayAsync("STOP");

        // Three more clients write, so the week has the 5 active clients a week needs to show its figures.
        for (var i = 0; i < ReportQuery.MinimumClients - 2; i++)
        {
            var other = new Chat(app, Phones.Next());
            await app.AddClientAsync(other.Phone);
            await other.SendAsync("hoi");
        }

        await using (var scope = app.NewScope())
        {
            scope.Db.Messages.Add(new Message
            {
                ClientId = client.Id, Direction = MessageDirection.Outbound, Channel = Channel.Sms, From = "+3197010000001", To = chat.Phone,
                Body = "x", Status = MessageStatus.Undelivered, CreatedAt = app.Time.GetUtcNow(),
            });
            await scope.Db.SaveChangesAsync();
        }

        // A test client's practice in the simulator is not the programme's: it counts nowhere.
        var (trainer, _) = await app.AddAccountAsync(Roles.Mentor, "trainer");
        using var simulator = app.CreateClientAs(trainer, Roles.Mentor);
        var test = (await (await simulator.PostAsJsonAsync("/simulator/api/clients", new { firstName = "Oefen" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        foreach (var text in new[] { "HULP", "STOP" })
        {
            Assert.Equal(HttpStatusCode.Accepted, (await simulator.PostAsJsonAsync("/simulator/api/messages", new { clientId = test, text })).StatusCode);
        }

        await using (var scope = app.NewScope())
        {
            Assert.True(await scope.Db.Flags.AnyAsync(f => f.ClientId == test && f.Kind == MobilityMentoring.Bot.Coaching.FlagKind.OptedOut));
        }

        using var response = await app.CreateClientAs("coordinator", Roles.Coordinator).GetAsync("/reports?handler=Csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimEnd().Split('\n');
        Assert.Equal("week,active_clients,check_ins_sent,check_ins_answered,steps_done,opt_outs,delivery_failures", lines[0]);
        Assert.Equal(13, lines.Length);
        Assert.Equal("2026-11-23,5,1,1,1,1,1", lines[^1]);
    }
}
