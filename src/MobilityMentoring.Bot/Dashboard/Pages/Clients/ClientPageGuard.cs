using System.Globalization;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MobilityMentoring.Bot.Coaching;

namespace MobilityMentoring.Bot.Dashboard.Pages.Clients;

/// <summary>For every handler of a client's page: a client the user may not reach is not there (404).</summary>
internal static class ClientPageGuard
{
    public static async Task RunAsync(
        PageModel page, IQueryable<Client> reachable, PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var id = Convert.ToInt32(context.RouteData.Values["id"], CultureInfo.InvariantCulture);
        if (!await reachable.AnyAsync(c => c.Id == id, page.HttpContext.RequestAborted))
        {
            context.Result = page.NotFound();
            return;
        }

        if (context.HandlerMethod is null) // a form for a handler this page has not: show the page again
        {
            context.Result = page.RedirectToPage(new { id });
            return;
        }

        await next();
    }
}
