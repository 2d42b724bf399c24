using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using MobilityMentoring.Bot.Channels.Inbound;

namespace MobilityMentoring.Bot.Channels.Twilio;

/// <summary>
/// Lets a webhook through only when Twilio signed it. The URL checked is Twilio:PublicBaseUrl + path + the raw query
/// as received, so signatures hold behind a proxy. Refusals are 403 and store nothing. The body must arrive within
/// Inbound:BodyReadTimeout (and at Kestrel's minimum data rate, 240 bytes a second after 5 s): a sender trickling bytes
/// is cut off, not waited for.
/// </summary>
public sealed partial class TwilioSignatureFilter(
    IOptions<TwilioOptions> options, IOptions<InboundOptions> inbound, ILogger<TwilioSignatureFilter> log) : IEndpointFilter
{
    public const string SignatureHeader = "X-Twilio-Signature";
    public const long MaxBodyBytes = 64 * 1024;

    private static readonly FormOptions FormLimits = new()
    {
        ValueCountLimit = 200,
        ValueLengthLimit = 16 * 1024,
        KeyLengthLimit = 256,
        BufferBody = false,
    };

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return TypedResults.Problem("A Twilio webhook is at most 64 KB.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        if (!request.HasFormContentType)
        {
            return TypedResults.Problem(
                "Twilio webhooks are sent as application/x-www-form-urlencoded.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        IFormCollection form;
        using var bodyTime = CancellationTokenSource.CreateLinkedTokenSource(context.HttpContext.RequestAborted);
        bodyTime.CancelAfter(inbound.Value.BodyReadTimeout);
        try
        {
            form = await request.ReadFormAsync(FormLimits, bodyTime.Token);
        }
        catch (OperationCanceledException) when (!context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return TypedResults.Problem("The body did not arrive in time.", statusCode: StatusCodes.Status408RequestTimeout);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return TypedResults.Problem("The form could not be read: " + e.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        var settings = options.Value;
        var parameters = form.SelectMany(field => field.Value.Select(value => KeyValuePair.Create(field.Key, value ?? "")));
        if (!settings.IsConfigured
            || !TwilioSignatureValidator.IsValid(PublicUrl(request, settings.PublicBaseUrl!), parameters, request.Headers[SignatureHeader], settings.AuthToken!))
        {
            LogRefused(request.Path);
            return TypedResults.Problem("The X-Twilio-Signature header is missing or does not match.", statusCode: StatusCodes.Status403Forbidden);
        }

        return await next(context);
    }

    /// <summary>
    /// Never the request's own scheme or host: behind a proxy those are the proxy's (or, forwarded, whatever a sender
    /// claims). Twilio:PublicBaseUrl is required whenever Twilio is configured.
    /// </summary>
    private static string PublicUrl(HttpRequest request, string publicBaseUrl) =>
        publicBaseUrl.TrimEnd('/') + request.PathBase + request.Path + request.QueryString;

    [LoggerMessage(LogLevel.Warning, "Refused an unsigned or wrongly signed webhook on {Path}")]
    private partial void LogRefused(PathString path);
}
