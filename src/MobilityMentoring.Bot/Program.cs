using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.Api;
using MobilityMentoring.Bot.Caseloads;
using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Conversations;
using MobilityMentoring.Bot.Dashboard;
using MobilityMentoring.Bot.Data;
using MobilityMentoring.Bot.DataRights;
using MobilityMentoring.Bot.Dialogs.Lint;
using MobilityMentoring.Bot.Health;
using MobilityMentoring.Bot.Jobs;
using MobilityMentoring.Bot.Privacy;
using MobilityMentoring.Bot.Reminders;
using MobilityMentoring.Bot.Reports;
using MobilityMentoring.Bot.Summaries;
using MobilityMentoring.Bot.Transport;

var command = StartupCommand.From(args);
var builder = WebApplication.CreateBuilder(command.HostArgs);

// Logs that never carry a full phone number
builder.AddMaskedLogging();
// PostgreSQL when ConnectionStrings:Postgres is set, else the embedded SQLite file (Development, or Storage:AllowEmbedded)
builder.AddStorage();
// Data Protection keys (cookies, form and bearer tokens) in that database, shared by every instance
builder.AddKeyRing();
// Through the configured TLS proxies only; HSTS; cookies that stay off plain http
builder.AddTransport();
// Mentors, coordinators and admins: Identity, cookie sign-in, roles
builder.AddAccounts();
// SMS and WhatsApp through Twilio, the simulator, the outbox
builder.AddChannels();
// Turns: middleware, dialogs, conversation state
builder.AddConversations();
// Clients, goals, steps and rewards: what staff do with them
builder.AddCoaching();
// AVG/GDPR: a client's data exported, erased, kept no longer than the programme says
builder.AddDataRights();
// Check-ins at the right moment: cadences, the planner, the preview
builder.AddReminders();
// Hangfire: background and recurring jobs
builder.AddJobs();
// What both staff surfaces read: caseloads, reports, summaries
builder.AddCaseloads();
builder.AddReports();
builder.AddSummaries();
// The JSON API for mentors and coordinators
builder.AddApi();
// Pages for mentors and coordinators: sign-in, caseload
builder.AddDashboard();
// Liveness and readiness probes
builder.AddHealth();

builder.Services.AddProblemDetails();
builder.Services.TryAddSingleton(TimeProvider.System);

var app = builder.Build();
if (command.LintDialogs)
{
    Environment.ExitCode = app.LintDialogs(Console.Out);
    return;
}

// Refuse to start on broken settings before touching the database.
app.Services.GetRequiredService<IStartupValidator>().Validate();
await app.PrepareDatabaseAsync(command.SeedDemo);
app.PrepareJobStorage();
if (command.MigrateOnly)
{
    return;
}

app.UseTransport();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseRevokedTokensRefused();
app.UseAuthorization();
app.UseTwoFactorGate();

app.MapHealth();
app.MapChannels();
app.MapApi();
app.MapDashboard();
app.MapJobs();

app.Run();

public partial class Program;
