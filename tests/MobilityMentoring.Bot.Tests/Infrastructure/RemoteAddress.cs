using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace MobilityMentoring.Bot.Tests.Infrastructure;

/// <summary>
/// Sets where a request comes from, as a socket would (the test server has none): the address in <see cref="Header"/>
/// when a test sends one, else the factory's <paramref name="everyRequest"/>. Runs before the app's own middleware, so
/// forwarded-header handling still applies after.
/// </summary>
internal sealed class RemoteAddress(IPAddress? everyRequest) : IStartupFilter
{
    public const string Header = "X-Test-Remote-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var address) && IPAddress.TryParse(address, out var ip))
            {
                context.Connection.RemoteIpAddress = ip;
                context.Request.Headers.Remove(Header);
            }
            else if (everyRequest is not null)
            {
                context.Connection.RemoteIpAddress = everyRequest;
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
