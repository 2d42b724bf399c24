using System.Globalization;
using System.Text;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Channels.Twilio;

/// <summary>One run's people: fresh clients and numbers, so runs (and the shrinker's re-runs) never meet.</summary>
internal sealed record FuzzPopulation(string[] Clients, string[] WhatsAppClients, string[] Newcomers, string[] Strangers)
{
    public static async Task<FuzzPopulation> CreateAsync(TwilioAppFactory app)
    {
        var clients = new string[WebhookFuzzGen.Clients];
        var whatsApp = new string[WebhookFuzzGen.WhatsAppClients];
        var newcomers = new string[WebhookFuzzGen.Newcomers];
        for (var i = 0; i < clients.Length; i++)
        {
            await app.AddClientAsync(clients[i] = Phones.Next(), language: i == 1 ? "en" : "nl");
        }

        for (var i = 0; i < whatsApp.Length; i++)
        {
            await app.AddClientAsync(whatsApp[i] = Phones.Next(), MobilityMentoring.Bot.Channels.Channel.WhatsApp);
        }

        for (var i = 0; i < newcomers.Length; i++)
        {
            await app.AddClientAsync(newcomers[i] = Phones.Next(), newcomer: true);
        }

        return new FuzzPopulation(clients, whatsApp, newcomers, [.. Enumerable.Range(0, WebhookFuzzGen.Strangers).Select(_ => Phones.Next())]);
    }

    public string From(FuzzSender sender) => sender.Kind switch
    {
        SenderKind.Client => Spell(Clients[sender.Index % Clients.Length], sender.Spelling, whatsApp: false),
        SenderKind.WhatsAppClient => Spell(WhatsAppClients[sender.Index % WhatsAppClients.Length], sender.Spelling, whatsApp: true),
        SenderKind.Newcomer => Newcomers[sender.Index % Newcomers.Length],
        SenderKind.Stranger => Strangers[sender.Index % Strangers.Length],
        _ => sender.Raw?.Value ?? "",
    };

    /// <summary>+316… written as Twilio would, or as a person would type it.</summary>
    private static string Spell(string phone, Spelling spelling, bool whatsApp) => spelling switch
    {
        Spelling.National => "0" + phone[3..],
        Spelling.Spaced => $"{phone[..3]} {phone[3..4]} {phone[4..8]} {phone[8..]}",
        Spelling.ZeroZero => "00" + phone[1..],
        Spelling.WhatsAppPrefix => "whatsapp:" + phone,
        Spelling.WhatsAppUpperCase => "WhatsApp:" + phone,
        _ => whatsApp ? "whatsapp:" + phone : phone,
    };
}

/// <summary>The fields of a hook as they go on the wire, and their encoding.</summary>
internal static class WebhookFuzzWire
{
    public static List<KeyValuePair<string, string>> MessageFields(MessageHook hook, string sid, string from)
    {
        var to = from.StartsWith("whatsapp:", StringComparison.OrdinalIgnoreCase) ? TwilioAppFactory.WhatsAppFrom : TwilioAppFactory.SmsFrom;
        var fields = TwilioAppFactory.MessageFields(sid, from, to, hook.Body.Value);
        foreach (var edit in hook.Edits)
        {
            switch (edit)
            {
                case Drop drop:
                    fields.RemoveAll(f => f.Key == drop.Field);
                    break;
                case Extra extra:
                    fields.Add(new(extra.Key, extra.Value.Value));
                    break;
                case Repeat repeat:
                    fields.Add(new(repeat.Field, repeat.Value?.Value ?? fields.FirstOrDefault(f => f.Key == repeat.Field).Value ?? ""));
                    break;
                case RewriteSid rewrite:
                    var index = fields.FindIndex(f => f.Key == "MessageSid");
                    if (index >= 0)
                    {
                        fields[index] = new("MessageSid", Rewritten(sid, rewrite.Variant)); // from the fresh SID, so rewrites do not stack
                    }

                    break;
                case ManyParams many:
                    fields.AddRange(Enumerable.Range(0, many.Count).Select(i => KeyValuePair.Create($"P{i}", i.ToString(CultureInfo.InvariantCulture))));
                    break;
            }
        }

        return fields;
    }

    /// <summary>The one MessageSid the service reads (a repeated one reads as "a,b" and is refused), or null.</summary>
    public static string? SidOf(List<KeyValuePair<string, string>> fields) =>
        fields.Where(f => f.Key == "MessageSid").Select(f => f.Value).ToList() is [var only] ? only : null;

    private static string Rewritten(string sid, SidVariant variant) => variant switch
    {
        SidVariant.MediaUpperCase => "MM" + sid[2..].ToUpperInvariant(),
        SidVariant.LowerCasePrefix => "sm" + sid[2..],
        SidVariant.TrailingNewline => sid + "\n",
        SidVariant.OneShort => sid[..^1],
        SidVariant.Empty => "",
        _ => "12",
    };

    public static string Encode(IEnumerable<KeyValuePair<string, string>> fields, int? padTo = null)
    {
        var body = new StringBuilder(string.Join('&', fields.Select(f => Escape(f.Key) + "=" + Escape(f.Value))));
        for (var i = 0; padTo is { } target && body.Length < target; i++)
        {
            var name = $"&Pad{i}=";
            var room = target - body.Length - name.Length;
            // The last few bytes as empty pairs ("&"), which a form reader skips.
            body.Append(room <= 0 ? new string('&', target - body.Length) : name + new string('a', Math.Min(room, 15_000)));
        }

        return body.ToString();
    }

    /// <summary>
    /// UTF-8, percent-escaped, spaces as '+'. A lone surrogate has no UTF-8 form: it goes as the bytes it would have
    /// (WTF-8), invalid UTF-8 that ASP.NET keeps as its escapes; that is as close as a form can carry one.
    /// </summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                escaped.Append(c);
                continue;
            }

            if (c == ' ')
            {
                escaped.Append('+');
                continue;
            }

            var codePoint = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? char.ConvertToUtf32(c, text[++i]) : c;
            foreach (var b in Utf8(codePoint))
            {
                escaped.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return escaped.ToString();
    }

    private static byte[] Utf8(int cp) => cp switch
    {
        < 0x80 => [(byte)cp],
        < 0x800 => [(byte)(0xC0 | (cp >> 6)), (byte)(0x80 | (cp & 0x3F))],
        < 0x10000 => [(byte)(0xE0 | (cp >> 12)), (byte)(0x80 | ((cp >> 6) & 0x3F)), (byte)(0x80 | (cp & 0x3F))],
        _ => [(byte)(0xF0 | (cp >> 18)), (byte)(0x80 | ((cp >> 12) & 0x3F)), (byte)(0x80 | ((cp >> 6) & 0x3F)), (byte)(0x80 | (cp & 0x3F))],
    };
}
