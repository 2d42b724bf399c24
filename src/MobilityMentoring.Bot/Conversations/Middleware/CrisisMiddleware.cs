using MobilityMentoring.Bot.Channels;
using MobilityMentoring.Bot.Dialogs;
using MobilityMentoring.Bot.Dialogs.Safety;
using MobilityMentoring.Bot.Coaching;

namespace MobilityMentoring.Bot.Conversations.Middleware;

/// <summary>
/// The safety net, before anything else (<see cref="CrisisNet"/> reads the message). A clear crisis gets, in this same
/// turn, the helplines for its kind (113, 0800-0113, 112 first for an overdose, Veilig Thuis for violence) and an
/// urgent flag; check-ins stop until the mentor has handled it. A possible crisis ("ik kan niet meer") gets one gentle,
/// direct question and a "possible" flag; the answer escalates or calms it (<see cref="SafetyQuestion"/>). Also for a
/// client who opted out or was handed to their mentor, and for a number we do not know (answered in the language
/// the message was written in). The bot never promises secrecy.
/// </summary>
public sealed class CrisisMiddleware(DialogContent content, CrisisNet net, SafetyQuestion question) : IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turn, NextDelegate next, CancellationToken cancellationToken)
    {
        if (turn.Activity.Type != ActivityTypes.Message)
        {
            await next(cancellationToken);
            return;
        }

        var utterance = turn.Utterance(content);
        var signal = net.Detect(utterance);
        if (signal is { Level: CrisisLevel.Clear })
        {
            await question.ForgetAsync(turn, cancellationToken);
            await AnswerClearAsync(turn, signal, note: null, cancellationToken);
            return;
        }

        if (await question.ReadAnswerAsync(turn, utterance, signal, cancellationToken) is { } answer)
        {
            if (answer == SafetyAnswer.Yes)
            {
                await AnswerClearAsync(turn, new CrisisSignal(CrisisLevel.Clear, CrisisKind.Suicide, signal?.Language ?? ""),
                    SafetyQuestion.AnsweredYes, cancellationToken);
            }
            else if (answer == SafetyAnswer.No)
            {
                await SafetyReplyAsync(turn, "crisis.possible.no", language: null, cancellationToken);
            }
            else
            {
                await next(cancellationToken); // not an answer to the question: the conversation goes on, the flag stays
            }

            return;
        }

        if (signal is { Level: CrisisLevel.Possible })
        {
            if (turn.Client is null)
            {
                // Nobody follows up on an unknown number's answer: the helplines straight away.
                await SafetyReplyAsync(turn, "crisis.suicide", signal.Language, cancellationToken);
                return;
            }

            await question.AskAsync(turn, cancellationToken);
            await SafetyReplyAsync(turn, signal.MessageKey, language: null, cancellationToken);
            return;
        }

        await next(cancellationToken);
    }

    private async Task AnswerClearAsync(ITurnContext turn, CrisisSignal signal, string? note, CancellationToken cancellationToken)
    {
        if (turn.Client is { } client)
        {
            var kind = CrisisSignal.KeyOf(signal.Kind);
            await turn.Db.RaiseCrisisAsync(client.Id, note is null ? kind : $"{kind}: {note}", turn.Now, cancellationToken);
        }

        await SafetyReplyAsync(turn, signal.MessageKey, turn.Client is null ? signal.Language : null, cancellationToken);
    }

    private Task SafetyReplyAsync(ITurnContext turn, string key, string? language, CancellationToken cancellationToken) =>
        turn.ReplyInAsync(language, content, key, turn.StandardArguments(),
            new OutboundDetails(MessageOrigin.Safety, SendEvenIfOptedOut: true), cancellationToken);
}
