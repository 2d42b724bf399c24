using FsCheck;
using FsCheck.Fluent;
using MobilityMentoring.Bot.Tests.Dialogs.Corpus;

namespace MobilityMentoring.Bot.Tests.Channels.Twilio;

/// <summary>Generators for <see cref="FuzzCase"/>: what Twilio could sign and send, and a good deal it never would.</summary>
internal static class WebhookFuzzGen
{
    /// <summary>Senders the population has: Newcomer#3..5 are kept for scripted onboardings, so random hooks cannot derail them.</summary>
    public const int Clients = 3, WhatsAppClients = 2, Newcomers = 6, ScriptedNewcomerFrom = 3, Strangers = 3;

    /// <summary>The onboarding path to the day question (OnboardingConversationTests walks it).</summary>
    private static readonly string[] ToTheDayQuestion = ["Hoi", "1", "'s ochtends", "3 geld", "Mijn schulden op een rij", "De brief van de bank openen"];

    private static readonly string[] Texts = [.. Column("ordinary-texts.tsv", 3, 2), .. Column("answers.tsv", 4, 3)];
    private static readonly string[] CrisisTexts = Column("crisis-texts.tsv", 3, 2);

    private static readonly string[] Commands =
    [
        "STOP", "stop", " Stop ", "START", "HULP", "help", "STAP", "PUNTEN", "PAUZE", "PAUZE 2", "PAUZE 99", "TAAL", "MENTOR",
        "AFMELDEN", "AANMELDEN", "UNSUBSCRIBE", "ben je een mens?", "1", "2", "3", "ja", "nee", "klaar", "gedaan", "👍", "English", "Nederlands",
    ];

    private static readonly (string Name, int Zero)[] DigitScripts =
    [
        ("ASCII", '0'), ("full-width", 0xFF10), ("Arabic-Indic", 0x0660), ("Persian", 0x06F0), ("Devanagari", 0x0966),
        ("Thai", 0x0E50), ("math bold", 0x1D7CE),
    ];

    private static readonly string[] Dates =
    [
        "12-3", "12-03", "1/12", "3.12.2026", "12-3-26", "op de 12e", "de 3e", "12 december", "rond 10 uur", "na 6 uur", "10:30",
        "99-99", "31-2", "0-0", "29-2-2027", "12-3-0000", "12-3-9999", "PAUZE 3", "3", "06-12345678", "123456789012345678901234567890",
    ];

    /// <summary>Marks, joiners, controls, emoji, other scripts, lone surrogates, and characters that mean something in a form.</summary>
    private static readonly string[] Odd =
    [
        "\u200F", "\u200E", "\u202B", "\u202C", "\u202E", "\u2066", "\u2069", "\u200D", "\u200C", "\u200B", "\uFEFF", "\u2060",
        "\u00AD", "\u00A0", "\u202F", "\u0301", "\uFE0F", "😀", "👩‍👩‍👧‍👦", "🇳🇱", "👍🏽", "❤️", "\0", "\u0001", "\u0007", "\b",
        "\t", "\n", "\r\n", "\u001B", "\u007F", "\u0085", "\u2028", "\u2029", "\uFFFD", "\uFFFF", "\uFFFE", "\U0010FFFF",
        "\uD800", "\uDFFF", "\uDBFF\uDBFF", "مرحبا", "שלום", "你好", "İ", "ı", "ß", "Σ", "ﬁ", "%", "+", "&", "=", "%00", "&Body=STOP",
    ];

    private static readonly string[] RawFroms =
    [
        "", " ", "hallo", "+", "+31", "whatsapp:", "whatsapp:hallo", "+3161234567890123456789012345678901", "+３１６１２３４５６７８",
        "+٣١٦١٢٣٤٥٦٧٨", "+316\u200F12345678", "+31612345678\0", "\u202E+31612345678", "sip:+31612345678", "tel:+31612345678",
        "+1 (415) 555-0100", "+999123456789", "00", "+31 6 (1234) 56-78", "whatsapp:whatsapp:+31612345678", "WHATSAPP:+14155550100",
        "+0", "-", "()", "+447700900123", "+31612345678,+31687654321", "+31612345678\n", new string(' ', 60) + "+31612345678",
    ];

    private static readonly string[] ExtraKeys =
    [
        "ProfileName", "WaId", "ButtonText", "ButtonPayload", "MediaUrl0", "MediaContentType0", "MessagingServiceSid", "FromCountry",
        "SmsStatus", "OptOutType", "", " ", "Body ", "body", "BODY", "MessageSid[]", "Bödy", "☃", "\0", new string('k', 257),
    ];

    private static readonly string[] Statuses =
    [
        "queued", "sending", "sent", "delivered", "read", "undelivered", "failed", "canceled", "accepted", "scheduled", "receiving",
        "received", "DELIVERED", "", "bogus", "delivered\u200B",
    ];

    private static readonly string?[] ErrorCodes = [null, null, null, "30003", "30007", "21610", "63016", "abc", "-1", "99999999999", "３０００３"];

    public static Gen<FuzzCase> Case =>
        from count in Gen.Choose(60, 110)
        from hooks in Gen.Frequency((9, Message.Select(m => (FuzzHook)m)), (1, Status.Select(s => (FuzzHook)s))).ListOf(count)
        from rolls in Gen.Choose(0, 99).ListOf(count)
        from picks in Gen.Choose(0, 10_000).ListOf(count)
        from scripted in Gen.SubListOf(Enumerable.Range(ScriptedNewcomerFrom, Newcomers - ScriptedNewcomerFrom))
        from scripts in Gen.CollectToList(scripted, (int _) => Onboarding)
        select Assemble(hooks, rolls, picks, scripts);

    /// <summary>Scripted onboardings first (their lanes are their own), then the random hooks with SIDs handed out and some delivered again.</summary>
    private static FuzzCase Assemble(List<FuzzHook> hooks, List<int> rolls, List<int> picks, IEnumerable<IList<FuzzText>> scripts)
    {
        var result = new List<FuzzHook>();
        var sid = 0;
        foreach (var (script, n) in scripts.Select((s, i) => (s, i)))
        {
            result.AddRange(script.Select(text => new MessageHook(sid++, new FuzzSender(SenderKind.Newcomer, ScriptedNewcomerFrom + n), text, [])));
        }

        var messages = new List<MessageHook>();
        for (var i = 0; i < hooks.Count; i++)
        {
            if (hooks[i] is not MessageHook hook)
            {
                result.Add(hooks[i]);
                continue;
            }

            // 12%: Twilio delivers an earlier message again, half of those beside the first delivery; 4%: another message under an earlier SID.
            var earlier = messages.Count > 0 ? messages[picks[i] % messages.Count] : null;
            var message = (rolls[i], earlier) switch
            {
                ( < 12, { } again) => again with { Lane = rolls[i] < 6 ? 1 : 0 },
                ( < 16, { } taken) => hook with { Sid = taken.Sid },
                _ => hook with { Sid = sid++ },
            };
            messages.Add(message);
            result.Add(message);
        }

        return new FuzzCase(result);
    }

    private static Gen<IList<FuzzText>> Onboarding =>
        from steps in Gen.Choose(1, ToTheDayQuestion.Length)
        from days in Gen.Choose(1, 3).SelectMany(n => Gen.OneOf(DateLike, Body).ListOf(n))
        from last in Gen.Elements("ja", "nee", "1", "2")
        select (IList<FuzzText>)[.. ToTheDayQuestion.Take(steps).Select(t => new FuzzText(t)), .. days, new FuzzText(last)];

    private static Gen<MessageHook> Message =>
        from sender in Sender
        from body in Body
        from edits in Gen.Frequency((12, Gen.Constant(0)), (5, Gen.Constant(1)), (3, Gen.Choose(2, 3))).SelectMany(n => Edit.ListOf(n))
        select new MessageHook(-1, sender, body, [.. edits]);

    private static Gen<StatusHook> Status =>
        from target in Gen.Frequency((6, Gen.Constant(StatusTarget.Reply)), (2, Gen.Constant(Without("inbound-status") ? StatusTarget.Unknown : StatusTarget.Inbound)), (2, Gen.Constant(StatusTarget.Unknown)))
        from n in Gen.Choose(0, 50)
        from status in Gen.Elements(Statuses)
        from error in Gen.Elements(ErrorCodes)
        from outbox in Gen.Elements(OutboxParam.None, OutboxParam.Own, OutboxParam.Own, OutboxParam.Own, OutboxParam.OtherRow, OutboxParam.NotANumber, OutboxParam.Empty)
        select new StatusHook(target, n, status, error, outbox);

    private static Gen<FuzzSender> Sender => Gen.Frequency(
        (35, from i in Gen.Choose(0, Clients - 1)
             from spelling in Gen.Elements(Spelling.AsTwilio, Spelling.AsTwilio, Spelling.AsTwilio, Spelling.AsTwilio, Spelling.National, Spelling.Spaced, Spelling.ZeroZero, Spelling.WhatsAppPrefix)
             select new FuzzSender(SenderKind.Client, i, spelling)),
        (15, from i in Gen.Choose(0, WhatsAppClients - 1)
             from spelling in Gen.Elements(Spelling.WhatsAppPrefix, Spelling.WhatsAppPrefix, Spelling.WhatsAppPrefix, Spelling.WhatsAppUpperCase, Spelling.AsTwilio)
             select new FuzzSender(SenderKind.WhatsAppClient, i, spelling)),
        (15, Gen.Choose(0, ScriptedNewcomerFrom - 1).Select(i => new FuzzSender(SenderKind.Newcomer, i))),
        (15, Gen.Choose(0, Strangers - 1).Select(i => new FuzzSender(SenderKind.Stranger, i))),
        (20, Gen.Elements(RawFroms).Where(raw => raw.Length <= 64 || !Without("long-address")).Select(raw => new FuzzSender(SenderKind.Raw, 0, Raw: new FuzzText(raw)))));

    public static Gen<FuzzText> Body => Gen.Frequency(
        (25, Gen.Elements(Texts).Select(t => new FuzzText(t))),
        (10, Gen.Elements(Commands).Select(t => new FuzzText(t))),
        (12, DateLike),
        (15, Mutated),
        (8, from n in Gen.Choose(1, 8) from parts in Gen.Elements(Odd).ListOf(n) select new FuzzText(string.Concat(parts))),
        (6, Long),
        (4, Gen.Elements("", " ", "\n", "\u00A0", "\u200B").Select(t => new FuzzText(t))),
        (6, Gen.Elements(CrisisTexts).SelectMany(t => Gen.Frequency((1, Gen.Constant(new FuzzText(t))), (1, Mutate(t))))));

    /// <summary>Dates, times and numbers in another script's digits, bare or wrapped in direction marks or joined by ZWJ.</summary>
    private static Gen<FuzzText> DateLike =>
        from date in Gen.Elements(Dates)
        from script in Gen.Elements(DigitScripts)
        from wrap in Gen.Elements<Func<string, string>>(s => s, s => "\u200F" + s + "\u200F", s => "\u202B" + s + "\u202C", s => string.Join('\u200D', s.ToCharArray()), s => s + " 🙂")
        select new FuzzText(wrap(InScript(date, script.Zero)));

    private static Gen<FuzzText> Mutated => Gen.Elements(Texts).SelectMany(Mutate);

    private static Gen<FuzzText> Mutate(string text) =>
        from inserts in Gen.Choose(1, 4).SelectMany(n => Gen.Zip(Gen.Choose(0, 10_000), Gen.Elements(Odd)).ListOf(n))
        from script in Gen.Elements(DigitScripts)
        select new FuzzText(inserts.Aggregate(InScript(text, script.Zero), (s, insert) => s.Insert(insert.Item1 % (s.Length + 1), insert.Item2)));

    /// <summary>Around Twilio's 1,600 characters (counted in UTF-16 units, as the service counts) and the form's 16 KB value limit.</summary>
    private static Gen<FuzzText> Long => Gen.Elements(
            ("a", 1600), ("é", 1600), ("😀", 800), ("😀", 801), ("\u200D", 1600), ("١", 1600), ("a", 1599), ("a", 1601), ("€", 1600),
            ("👩‍👩‍👧‍👦", 145), ("a", 16 * 1024), ("a", 16 * 1024 + 1), ("a", 40_000))
        .Select(r => new FuzzText(string.Concat(Enumerable.Repeat(r.Item1, r.Item2)), $"{r.Item2} × {FuzzText.Show(r.Item1)}"));

    private static Gen<FuzzEdit> Edit => Gen.Frequency(
        (10, Gen.Elements("MessageSid", "SmsSid", "From", "To", "Body", "AccountSid", "NumMedia").Select(f => (FuzzEdit)new Drop(f))),
        (10, from key in Gen.Elements(ExtraKeys) from value in Body select (FuzzEdit)new Extra(key, value)),
        (8, from name in Gen.Elements(Without("long-address") ? (string[])["MessageSid", "From", "Body", "NumMedia"] : ["MessageSid", "From", "Body", "To", "NumMedia"])
            from value in Gen.Frequency((1, Gen.Constant<FuzzText?>(null)), (1, Body.Select(b => (FuzzText?)b)))
            select (FuzzEdit)new Repeat(name, value)),
        (5, Gen.Elements(Enum.GetValues<SidVariant>()).Select(v => (FuzzEdit)new RewriteSid(v))),
        (3, Gen.Elements(30_000, 65_000, 65_536, 65_537, 70_000, 200_000).Select(b => (FuzzEdit)new PadTo(b))),
        (2, Gen.Elements(150, 199, 200, 201, 1000).Select(n => (FuzzEdit)new ManyParams(n))));

    /// <summary>
    /// WEBHOOK_FUZZ_WITHOUT=name,… leaves a kind of input out, to look past a failure already known (see the test's
    /// remarks). The default generates everything.
    /// </summary>
    private static bool Without(string kind) =>
        (Environment.GetEnvironmentVariable("WEBHOOK_FUZZ_WITHOUT") ?? "").Split(',', StringSplitOptions.TrimEntries).Contains(kind);

    private static string InScript(string ascii, int zero) =>
        string.Concat(ascii.Select(c => char.IsAsciiDigit(c) ? char.ConvertFromUtf32(zero + c - '0') : c.ToString()));

    private static string[] Column(string file, int columns, int column) => [.. LabelledCorpus.Read(file, columns).Select(row => row[column]).Distinct()];
}
