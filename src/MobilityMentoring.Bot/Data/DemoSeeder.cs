using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;

namespace MobilityMentoring.Bot.Data;

/// <summary>A demo programme with one mentor and three clients, so the dashboard and simulator have something to show.</summary>
public sealed partial class DemoSeeder(
    BotDbContext db,
    UserManager<BotUser> users,
    IOptions<DemoOptions> options,
    TimeProvider time,
    ILogger<DemoSeeder> log)
{
    public async Task SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        if (await db.Programmes.AnyAsync(cancellationToken))
        {
            return;
        }

        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var mentor = await EnsureMentorAsync();

        var programme = new Programme { Name = "Demo Alphen", JoinKeyword = "DOEMEE", CreatedAt = now };
        programme.Clients.Add(NewClient("Fatima", "+31612345001", Channel.WhatsApp, "nl", mentor, now,
            Goal(BridgePillar.FinancialManagement, "Mijn schulden op een rij", now,
                ("Brief van de Belastingdienst openen", today, StepStatus.Active),
                ("Map maken voor alle brieven", today.AddDays(-3), StepStatus.Done))));
        programme.Clients.Add(NewClient("Kevin", "+31612345002", Channel.Sms, "nl", mentor, now,
            Goal(BridgePillar.EmploymentAndCareer, "Een baan in de zorg", now,
                ("Vacature van Zorggroep Rijnstreek lezen", today.AddDays(1), StepStatus.Active))));
        programme.Clients.Add(NewClient("Maria", "+31612345003", Channel.Sms, "en", mentor, now,
            Goal(BridgePillar.WellBeing, "Sleep better", now,
                ("Phone off at 11 pm", today, StepStatus.Active))));

        db.Programmes.Add(programme);
        await db.SaveChangesAsync(cancellationToken);
        LogSeeded(programme.Clients.Count);
    }

    private async Task<BotUser> EnsureMentorAsync()
    {
        var email = options.Value.MentorEmail;
        if (await users.FindByEmailAsync(email) is { } existing)
        {
            return existing;
        }

        var mentor = new BotUser { UserName = email, Email = email, EmailConfirmed = true, FirstName = "Sanne" };
        AccountSeeder.Check(await users.CreateAsync(mentor, options.Value.MentorPassword), "demo mentor");
        AccountSeeder.Check(await users.AddToRoleAsync(mentor, Roles.Mentor), "demo mentor role");
        return mentor;
    }

    private static Client NewClient(
        string name, string phone, Channel channel, string language, BotUser mentor, DateTimeOffset now, Goal goal)
    {
        var client = new Client
        {
            FirstName = name,
            Phone = PhoneNumber.Parse(phone),
            Channel = channel,
            Language = language,
            Mentor = mentor,
            ConsentAt = now,
            ConsentVersion = "1",
            PreferredTime = new TimeOnly(10, 0),
            NextContactAt = now, // the planner plans their first check-ins
            CreatedAt = now,
        };
        client.Goals.Add(goal);
        return client;
    }

    private static Goal Goal(
        BridgePillar pillar, string title, DateTimeOffset now, params (string Text, DateOnly Due, StepStatus Status)[] steps)
    {
        var goal = new Goal { Pillar = pillar, Title = title, CreatedAt = now };
        foreach (var (text, due, status) in steps)
        {
            goal.Steps.Add(new Step
            {
                Text = text,
                DueDate = due,
                DuePart = DayPart.Morning,
                Status = status,
                Position = goal.Steps.Count,
                CompletedAt = status == StepStatus.Done ? now : null,
                CreatedAt = now,
            });
        }

        return goal;
    }

    [LoggerMessage(LogLevel.Information, "Loaded the demo programme with {Clients} clients")]
    private partial void LogSeeded(int clients);
}
