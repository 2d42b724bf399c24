using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace MobilityMentoring.Bot.Transport;

/// <summary>
/// How requests reach the service: through the configured TLS proxies only (their forwarded client address and scheme),
/// HSTS on every HTTPS answer, and cookies that never travel over plain http outside Development.
/// </summary>
public static class TransportServiceCollectionExtensions
{
    public static WebApplicationBuilder AddTransport(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProxyOptions>()
            .BindConfiguration(ProxyOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxy) =>
        {
            // Only the client's address and the scheme; the host name stays what the request says (AllowedHosts checks it).
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

            // The framework trusts loopback by default: any process on the host (or in the pod) could then claim to
            // be any client. Only what the operator names is trusted.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var address in proxy.Value.ProxyAddresses)
            {
                forwarded.KnownProxies.Add(address);
            }

            foreach (var network in proxy.Value.ProxyNetworks)
            {
                forwarded.KnownIPNetworks.Add(network);
            }

            // Walk back through as many trusted proxies as there are; the first address not among them is the client.
            forwarded.ForwardLimit = null;
        });

        builder.Services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(180);
            o.IncludeSubDomains = true;
        });

        var secure = builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing")
            ? CookieSecurePolicy.SameAsRequest
            : CookieSecurePolicy.Always;
        builder.Services.PostConfigureAll<CookieAuthenticationOptions>(o => Lock(o.Cookie, secure));
        builder.Services.PostConfigure<AntiforgeryOptions>(o => Lock(o.Cookie, secure));
        builder.Services.PostConfigure<CookieTempDataProviderOptions>(o => Lock(o.Cookie, secure));
        return builder;
    }

    /// <summary>First in the pipeline: what later middleware (rate limits, HSTS, cookies, logs) sees comes from here.</summary>
    public static WebApplication UseTransport(this WebApplication app)
    {
        // With no proxy named the middleware must not run at all: with empty lists it would believe every sender.
        if (app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value.IsConfigured)
        {
            app.UseForwardedHeaders();
        }

        // No UseHttpsRedirection: the TLS proxy owns ports 80 and 443 and redirects; the service's own port speaks
        // http on the private network, where the proxy and the health probes reach it.
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        // Where cookies are Secure only, a page over plain http cannot work (antiforgery refuses to set its cookie): say
        // why, instead of a 500. Probes and Twilio's signed webhooks need no cookie and pass.
        if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing"))
        {
            app.Use(async (context, next) =>
            {
                var path = context.Request.Path;
                if (context.Request.IsHttps || path.StartsWithSegments("/health") || path.StartsWithSegments("/twilio"))
                {
                    await next(context);
                    return;
                }

                await Results.Problem(
                    "This service answers staff over https only. Behind a TLS proxy, name the proxy in Proxy:KnownProxies or Proxy:KnownNetworks so its X-Forwarded-Proto is believed (deploy/README.md).",
                    statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
            });
        }

        return app;
    }

    private static void Lock(CookieBuilder cookie, CookieSecurePolicy secure)
    {
        cookie.SecurePolicy = secure;
        cookie.HttpOnly = true;
    }
}
