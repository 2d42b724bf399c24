using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Privacy;
using MobilityMentoring.Bot.Reports;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Reports;

/// <summary>
/// Issue 17, item 5: the evaluation export, a row per client per week under a pseudonym that links rows within one
/// export only. Each test seeds its clients in a programme of its own and reads that programme's rows (the fixture's
/// database is shared). The clock stands on Monday 23 November 2026, 09:00 in Amsterdam.
/// </summary>
public sealed partial class EvaluationExportTests(TwilioAppFactory app) : IClassFixture<TwilioAppFactory>
{
    private static DateTimeOffset Nov(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public async Task No_cell_holds_a_phone_number_a_name_or_anything_a_client_or_mentor_wrote()
    {
        var phone = Phones.Next();
        var programme = await ProgrammeAsync();
        await using (var scope = app.NewScope())
        {
            var client = NewClient(programme, Nov(9, 10), phone, "Zoltanella");
            var goal = new Goal { Pillar = BridgePillar.WellBeing, Title = "Quokkadoel halen", CreatedAt = Nov(9, 10) };
            var step = new Step { Text = "Wombatstichting bellen", Status = StepStatus.Done, CreatedAt = Nov(9, 10), CompletedAt = Nov(10, 10) };
            goal.Steps.Add(step);
            client.Goals.Add(goal);
            scope.Db.Clients.Add(client);
            await scope.Db.SaveChangesAsync();
            scope.Db.Messages.Add(new Message
            {
                ClientId = client.Id, Direction = MessageDirection.Inbound, Channel = Channel.Sms, From = phone, To = TwilioAppFactory.SmsFrom,
                Body = "Xylofoonschuld is te veel", Status = MessageStatus.Received, CreatedAt = Nov(10, 9),
            });
            scope.Db.Flags.Add(new Flag { ClientId = client.Id, Kind = FlagKind.PossibleCrisis, Note = "Kiwikrisis vandaag", RaisedAt = Nov(10, 9) });
            scope.Db.RewardEntries.Add(new RewardEntry { ClientId = client.Id, Kind = RewardKind.StepPoints, Points = 10, StepId = step.Id, Reason = "step done", EvidenceNote = "Okapibewijs", CreatedAt = Nov(10, 10) });
            await scope.Db.SaveChangesAsync();
        }

        var csv = await ExportAsync();

        Assert.NotEmpty(RowsOf(csv, programme)); // the client is in the file, so the scan below looks at its rows
        string[] secrets = ["Zoltanella", "Quokkadoel", "Wombatstichting", "Xylofoonschuld", "Kiwikrisis", "Okapibewijs", "Sanne", phone, phone[3..], phone[^8..]];
        var lines = csv.TrimEnd().Split('\n');
        foreach (var cell in lines.SelectMany(line => line.Split(',')))
        {
            Assert.DoesNotContain(secrets, s => cell.Contains(s, StringComparison.OrdinalIgnoreCase));
        }

        Assert.All(lines.Skip(1).SelectMany(line => line.Split(',')), cell => Assert.Matches(AllowedCell(), cell));
    }

    [Fact]
    public async Task A_client_keeps_one_pseudonym_within_an_export_and_gets_another_in_the_next()
    {
        var programme = await ProgrammeAsync();
        await using (var scope = app.NewScope())
        {
            scope.Db.Clients.AddRange(NewClient(programme, Nov(9, 10)), NewClient(programme, Nov(9, 11)));
            await scope.Db.SaveChangesAsync();
        }

        var first = RowsOf(await ExportAsync(), programme);
        var second = RowsOf(await ExportAsync(), programme);

        // Two clients, three weeks each (enrolled in the week of 9 November): two pseudonyms, each on three rows.
        Assert.Equal([3, 3], first.GroupBy(r => r[0]).Select(g => g.Count()));
        Assert.Equal([3, 3], second.GroupBy(r => r[0]).Select(g => g.Count()));
        Assert.All(first.Concat(second), r => Assert.Matches("^[0-9a-f]{16}$", r[0]));
        Assert.Empty(first.Select(r => r[0]).Intersect(second.Select(r => r[0])));
    }

    [Fact]
    public async Task A_small_scenario_counts_right_per_client_and_Amsterdam_week_and_leaves_out_test_clients()
    {
        var programme = await ProgrammeAsync();
        await using (var scope = app.NewScope())
        {
            // A: enrolled Tuesday 10 November; B: Tuesday 17 November; a simulator test client in the same programme.
            var a = NewClient(programme, Nov(10, 9));
            var money = new Goal { Pillar = BridgePillar.FinancialManagement, Title = "x", CreatedAt = Nov(10, 9) };
            var letter = new Step { Text = "x", Status = StepStatus.Done, CreatedAt = Nov(10, 9), CompletedAt = Nov(12, 9) };
            var draft = new Step { Text = "x", Status = StepStatus.Draft, CreatedAt = Nov(11, 9) }; // not agreed yet
            money.Steps.AddRange(letter, draft);
            a.Goals.Add(money);

            var b = NewClient(programme, Nov(17, 9));
            var school = new Goal { Pillar = BridgePillar.EducationAndTraining, Title = "x", CreatedAt = Nov(17, 9) };
            school.Steps.Add(new Step { Text = "x", Status = StepStatus.Active, CreatedAt = Nov(17, 9) });
            b.Goals.AddRange(school,
                new Goal { Pillar = BridgePillar.FamilyStability, Title = "x", Status = GoalStatus.Dropped, CreatedAt = Nov(18, 9) },
                new Goal { Pillar = BridgePillar.WellBeing, Title = "x", CreatedAt = Nov(23, 7) });

            var test = NewClient(programme, Nov(10, 9));
            test.TestOwnerId = "trainer";
            var practice = new Goal { Pillar = BridgePillar.WellBeing, Title = "x", CreatedAt = Nov(10, 9) };
            practice.Steps.Add(new Step { Text = "x", Status = StepStatus.Done, CreatedAt = Nov(10, 9), CompletedAt = Nov(10, 10) });
            test.Goals.Add(practice);
            scope.Db.Clients.AddRange(a, b, test);
            await scope.Db.SaveChangesAsync();

            scope.Db.CheckIns.AddRange(
                new CheckIn { StepId = letter.Id, PlannedAt = Nov(11, 8), SentAt = Nov(11, 8), AnsweredAt = Nov(11, 9), Outcome = CheckInOutcome.NotYet },
                // Sunday 23:30 UTC is Monday 00:30 in Amsterdam: the week of 16 November.
                new CheckIn { StepId = letter.Id, PlannedAt = Nov(15, 23, 30), SentAt = Nov(15, 23, 30), AnsweredAt = Nov(16, 8), Outcome = CheckInOutcome.Done },
                new CheckIn { StepId = letter.Id, PlannedAt = Nov(19, 8) }); // planned, never sent
            scope.Db.RewardEntries.AddRange(
                new RewardEntry { ClientId = a.Id, Kind = RewardKind.StepPoints, Points = 10, StepId = letter.Id, Reason = "step done", CreatedAt = Nov(12, 9) },
                new RewardEntry { ClientId = a.Id, Kind = RewardKind.StepPoints, Points = 15, Reason = "step done", CreatedAt = Nov(17, 9) },
                new RewardEntry { ClientId = a.Id, Kind = RewardKind.Milestone, Amount = 10m, Reason = "milestone 25", CreatedAt = Nov(17, 9) });
            scope.Db.Flags.AddRange(
                new Flag { ClientId = a.Id, Kind = FlagKind.PossibleCrisis, RaisedAt = Nov(18, 9) },
                new Flag { ClientId = a.Id, Kind = FlagKind.Help, RaisedAt = Nov(11, 9) }, // help is not a crisis
                new Flag { ClientId = b.Id, Kind = FlagKind.OptedOut, RaisedAt = Nov(23, 7, 30) },
                new Flag { ClientId = test.Id, Kind = FlagKind.Crisis, RaisedAt = Nov(10, 11) });
            await scope.Db.SaveChangesAsync();
        }

        var rows = RowsOf(await ExportAsync(), programme);

        // pseudonym dropped; programme, week, pillar, agreed, done, not yet, sent, answered, points, crisis, opted out
        var byClient = rows.GroupBy(r => r[0]).ToDictionary(g => g.Min(r => r[2])!, g => g.Select(r => string.Join(',', r.Skip(1))).ToList());
        Assert.Equal(["2026-11-09", "2026-11-16"], byClient.Keys.Order());
        Assert.Equal(
        [
            $"{programme},2026-11-09,FinancialManagement,1,1,1,1,1,10,no,no",
            $"{programme},2026-11-16,FinancialManagement,0,0,0,1,1,15,yes,no",
            $"{programme},2026-11-23,FinancialManagement,0,0,0,0,0,0,no,no",
        ], byClient["2026-11-09"]);
        Assert.Equal(
        [
            $"{programme},2026-11-16,EducationAndTraining,1,0,0,0,0,0,no,no",
            $"{programme},2026-11-23,WellBeing,0,0,0,0,0,0,no,yes",
        ], byClient["2026-11-16"]);

        // A range of weeks: from and to name any day in their week.
        var week = RowsOf(await ExportAsync("?from=2026-11-18&to=2026-11-22"), programme);
        Assert.Equal(["2026-11-16", "2026-11-16"], week.Select(r => r[2]));
        using var coordinator = app.CreateClientAs("coordinator", Roles.Coordinator);
        Assert.Equal(HttpStatusCode.BadRequest, (await coordinator.GetAsync("/api/reports/evaluation?from=2026-11-23&to=2026-11-16")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await coordinator.GetAsync("/api/reports/evaluation?to=2026-11-30")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await coordinator.GetAsync("/api/reports/evaluation?from=2024-11-01")).StatusCode);
    }

    [Fact]
    public async Task A_coordinator_downloads_it_from_the_API_and_the_reports_page_a_mentor_gets_403_and_each_export_is_audited()
    {
        var client = await app.AddClientAsync(Phones.Next());
        using var mentor = app.CreateClientAs(client.MentorId!, Roles.Mentor);
        using var coordinator = app.CreateClientAs("coordinator-export", Roles.Coordinator);

        Assert.Equal(HttpStatusCode.Forbidden, (await mentor.GetAsync("/api/reports/evaluation")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await mentor.GetAsync("/reports?handler=Evaluation")).StatusCode);
        using var api = await coordinator.GetAsync("/api/reports/evaluation");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal("text/csv", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal("mobility-mentoring-evaluation-2026-09-07..2026-11-23.csv", api.Content.Headers.ContentDisposition?.FileName);
        var csv = await api.Content.ReadAsStringAsync();
        Assert.StartsWith(EvaluationCsv.Header + "\n", csv, StringComparison.Ordinal);
        Assert.Contains("href=\"/reports?handler=Evaluation\"", await coordinator.GetStringAsync("/reports"), StringComparison.Ordinal);
        using var page = await coordinator.GetAsync("/reports?handler=Evaluation");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.StartsWith(EvaluationCsv.Header + "\n", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var check = app.NewScope();
        var audits = await check.Db.AuditEntries.Where(a => a.Action == AuditAction.EvaluationExport && a.Actor == "coordinator-export").ToListAsync();
        Assert.Equal(2, audits.Count);
        Assert.All(audits, a => Assert.Equal("programme:all", a.Subject));
        Assert.All(audits, a => Assert.StartsWith("weeks 2026-09-07..2026-11-23, ", a.Detail, StringComparison.Ordinal));
        var pseudonyms = csv.TrimEnd().Split('\n').Skip(1).Select(line => line.Split(',')[0]).ToList();
        Assert.NotEmpty(pseudonyms);
        Assert.DoesNotContain(audits, a => pseudonyms.Any(p => a.Detail!.Contains(p, StringComparison.Ordinal)));
        Assert.False(await check.Db.AuditEntries.AnyAsync(a => a.Action == AuditAction.EvaluationExport && a.Actor == client.MentorId));
    }

    private async Task<string> ExportAsync(string query = "")
    {
        using var coordinator = app.CreateClientAs("coordinator", Roles.Coordinator);
        using var response = await coordinator.GetAsync("/api/reports/evaluation" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The cells of the rows about <paramref name="programme"/>'s clients, in the file's order.</summary>
    private static List<string[]> RowsOf(string csv, int programme)
    {
        var lines = csv.TrimEnd().Split('\n');
        Assert.Equal(EvaluationCsv.Header, lines[0]);
        return [.. lines.Skip(1).Select(line => line.Split(',')).Where(cells => cells[1] == programme.ToString(System.Globalization.CultureInfo.InvariantCulture))];
    }

    private async Task<int> ProgrammeAsync()
    {
        await using var scope = app.NewScope();
        var programme = new Programme { Name = "Evaluatie " + Guid.NewGuid().ToString("N"), CreatedAt = Nov(1, 9) };
        scope.Db.Programmes.Add(programme);
        await scope.Db.SaveChangesAsync();
        return programme.Id;
    }

    private static Client NewClient(int programme, DateTimeOffset enrolled, string? phone = null, string firstName = "Fatima") =>
        new() { ProgrammeId = programme, FirstName = firstName, Phone = PhoneNumber.Parse(phone ?? Phones.Next()), ConsentAt = enrolled, CreatedAt = enrolled };

    /// <summary>What a cell under the header may be: a pseudonym, a number, a week, a pillar's name, yes/no, or empty (no active goal).</summary>
    [GeneratedRegex("^([0-9a-f]{16}|[0-9]+|\\d{4}-\\d{2}-\\d{2}|FamilyStability|WellBeing|FinancialManagement|EducationAndTraining|EmploymentAndCareer|yes|no|)$")]
    private static partial Regex AllowedCell();
}
