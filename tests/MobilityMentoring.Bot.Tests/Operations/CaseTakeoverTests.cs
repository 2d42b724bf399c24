using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Privacy;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Operations;

/// <summary>
/// Issue 15, finding 2: mentor B enrolling mentor A's client's number (in another programme) took over the case: the
/// newest open case got the client's messages, crisis texts included. One open case per number now; the refusal says
/// nothing about whose case it is, and is written down for the coordinators.
/// </summary>
public sealed class CaseTakeoverTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    [Fact]
    public async Task Mentor_B_cannot_take_over_mentor_As_client_by_enrolling_the_same_number_elsewhere()
    {
        var phone = Phones.Next();
        var clientOfA = await app.AddClientAsync(phone);
        var (mentorB, _) = await app.AddAccountAsync(Roles.Mentor, "mentor-b");
        int otherProgramme;
        await using (var scope = app.NewScope())
        {
            var programme = new Programme { Name = "Elders", CreatedAt = app.Time.GetUtcNow() };
            scope.Db.Programmes.Add(programme);
            await scope.Db.SaveChangesAsync();
            otherProgramme = programme.Id;
        }

        using var asB = app.CreateClientAs(mentorB, Roles.Mentor);
        using var refused = await asB.PostAsJsonAsync("/api/clients", new { phone, firstName = "Overname", language = "nl", channel = "Sms", programmeId = otherProgramme });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Fatima", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("Sanne", problem, StringComparison.Ordinal);

        using var crisis = await app.ReceiveAsync(phone, "ik wil niet meer leven");
        Assert.Equal(HttpStatusCode.OK, crisis.StatusCode);

        await using var check = app.NewScope();
        Assert.Equal([clientOfA.Id], await check.Db.Clients.Where(c => c.Phone == PhoneNumber.Parse(phone, "NL") && c.ClosedAt == null).Select(c => c.Id).ToListAsync());
        Assert.Equal(clientOfA.Id, (await check.Db.Messages.SingleAsync(m => m.Direction == MessageDirection.Inbound && m.Body == "ik wil niet meer leven" && m.From == phone)).ClientId);
        Assert.True(await check.Db.Flags.AnyAsync(f => f.ClientId == clientOfA.Id && f.Kind == FlagKind.Crisis));
        var audit = await check.Db.AuditEntries.SingleAsync(a => a.Action == AuditAction.ClientEnrolRefused);
        Assert.Equal((mentorB, $"client:{clientOfA.Id}"), (audit.Actor, audit.Subject));
    }

    [Fact]
    public async Task Only_a_coordinator_moves_a_client_to_another_mentor()
    {
        var clientOfA = await app.AddClientAsync(Phones.Next());
        var (mentorB, _) = await app.AddAccountAsync(Roles.Mentor, "mover");
        using var asB = app.CreateClientAs(mentorB, Roles.Mentor);
        using var asA = app.CreateClientAs(clientOfA.MentorId!, Roles.Mentor);

        Assert.Equal(HttpStatusCode.Forbidden, (await asB.PostAsJsonAsync($"/api/clients/{clientOfA.Id}/mentor", new { mentorId = mentorB })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asA.PostAsJsonAsync($"/api/clients/{clientOfA.Id}/mentor", new { mentorId = mentorB })).StatusCode);
        await using var check = app.NewScope();
        Assert.Equal(clientOfA.MentorId, (await check.Db.Clients.SingleAsync(c => c.Id == clientOfA.Id)).MentorId);
    }
}
