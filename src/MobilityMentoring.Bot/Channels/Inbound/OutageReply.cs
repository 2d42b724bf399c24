using MobilityMentoring.Bot.Dialogs;
using MobilityMentoring.Bot.Dialogs.Safety;
using MobilityMentoring.Bot.Dialogs.Understanding;

namespace MobilityMentoring.Bot.Channels.Inbound;

/// <summary>
/// What a sender hears when their message could not be stored: worked out without the database (the crisis net and
/// the content are in memory). Nobody will read the message, so a text that reads as a crisis gets the helplines.
/// </summary>
public sealed class OutageReply(DialogContent content, CrisisNet crisis, LanguageGuess guess)
{
    public string For(string? text)
    {
        try
        {
            var utterance = content.Read(text);
            var signal = crisis.Detect(utterance);
            var language = signal?.Language ?? guess.Of(utterance);
            return content.Render(language, signal is null ? "outage.reply" : "outage.crisis");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Unreadable: the helplines are the safe answer.
            return content.Render(DialogContent.DefaultLanguage, "outage.crisis");
        }
    }
}
