using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using MobilityMentoring.Bot.Accounts;
using MobilityMentoring.Bot.DataRights;
using MobilityMentoring.Bot.Operations;

namespace MobilityMentoring.Bot.Dashboard.Pages.Clients;

/// <summary>
/// What the service holds about a client, readable, in the client's language: to print or send them (AVG art. 15),
/// with the same data as one JSON file. The own mentor's; an admin's for a written request (the form asks which).
/// </summary>
public sealed class ExportModel(ExportClient export, UserManager<BotUser> users) : PageModel
{
    public ClientExport? Data { get; private set; }
    public DashboardText Text { get; private set; } = new("nl");
    public bool NeedsReason { get; private set; }

    /// <summary>The page only shows: a form posted to it finds nothing.</summary>
    public override Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod is null)
        {
            context.Result = NotFound();
            return Task.CompletedTask;
        }

        return next();
    }

    public async Task<IActionResult> OnGetAsync(int id, string? reason, CancellationToken cancellationToken)
    {
        var outcome = await export.RunAsync(User, id, reason, "page", cancellationToken);
        if (outcome.Status == OutcomeStatus.NotFound)
        {
            return NotFound();
        }

        Data = outcome.Value;
        NeedsReason = outcome.Status == OutcomeStatus.Invalid;
        Text = Data is null ? await DashboardText.ForAsync(users, User) : new DashboardText(Data.Client.Language);
        return Page();
    }

    public async Task<IActionResult> OnGetJsonAsync(int id, string? reason, [FromServices] IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        var outcome = await export.RunAsync(User, id, reason, "page json", cancellationToken);
        return outcome.Status switch
        {
            OutcomeStatus.Done => File(JsonSerializer.SerializeToUtf8Bytes(outcome.Value, json.Value.SerializerOptions), "application/json", $"client-{id}-export.json"),
            OutcomeStatus.NotFound => NotFound(),
            _ => RedirectToPage(new { id }),
        };
    }

    public string Local(DateTimeOffset? at) => at is { } value
        ? TimeZoneInfo.ConvertTime(value, TimeZoneInfo.FindSystemTimeZoneById(Data!.Client.TimeZone))
            .ToString("d MMM yyyy HH:mm", System.Globalization.CultureInfo.GetCultureInfo(Text.Language == "en" ? "en-GB" : "nl-NL"))
        : "";
}
