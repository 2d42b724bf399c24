using MobilityMentoring.Bot.Coaching;
using MobilityMentoring.Bot.Dialogs.Safety;
using MobilityMentoring.Bot.Dialogs.Understanding;

namespace MobilityMentoring.Bot.Conversations.Middleware;

public enum SafetyAnswer { Yes, No, Other }

/// <summary>
/// The crisis net's gentle question after a possible crisis ("Denk je eraan om jezelf iets aan te doen? 1 Ja 2 Nee"):
/// asked with a "possible" flag for the mentor, and the next message within a day is its answer. Yes (also "soms",
/// "misschien", or despair again) escalates to the helplines and an urgent flag; no calms it, and the flag stays for
/// the mentor with the answer in its note; anything else goes on to the conversation.
/// </summary>
public sealed class SafetyQuestion(Understanding understanding)
{
    public static readonly TimeSpan AnswerWithin = TimeSpan.FromHours(24);

    public const string AnsweredYes = "answered yes to the question";

    private static readonly string[] Answers = ["safety.yes", "safety.no"];

    public async Task AskAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        var client = turn.Client!;
        (await StateAsync(turn, create: true, cancellationToken))!.SafetyQuestionAt = turn.Now;
        await turn.Db.RaiseFlagAsync(client.Id, FlagKind.PossibleCrisis, "asked", turn.Now, cancellationToken);
    }

    public async Task ForgetAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        if (await StateAsync(turn, create: false, cancellationToken) is { SafetyQuestionAt: not null } state)
        {
            state.SafetyQuestionAt = null;
        }
    }

    /// <summary>Null when no question waits for this message; else what the client answered.</summary>
    public async Task<SafetyAnswer?> ReadAnswerAsync(ITurnContext turn, Utterance utterance, CrisisSignal? signal, CancellationToken cancellationToken)
    {
        if (await StateAsync(turn, create: false, cancellationToken) is not { SafetyQuestionAt: { } asked } state
            || turn.Now - asked > AnswerWithin)
        {
            return null;
        }

        state.SafetyQuestionAt = null;
        var answer = signal is not null || Means(utterance, 1) ? SafetyAnswer.Yes
            : Means(utterance, 2) ? SafetyAnswer.No
            : SafetyAnswer.Other;
        if (answer != SafetyAnswer.Yes)
        {
            await turn.Db.NoteOnOpenFlagAsync(turn.Client!.Id, [FlagKind.PossibleCrisis],
                answer == SafetyAnswer.No ? "answered no" : "no answer to the question", cancellationToken);
        }

        return answer;
    }

    /// <summary>The numbered answer, or its words: "soms" counts as yes even beside "nee" (the safe reading).</summary>
    private bool Means(Utterance utterance, int number) =>
        utterance.LeadingNumber == number || understanding.Means(utterance, Answers[number - 1]);

    private static async Task<ConversationState?> StateAsync(ITurnContext turn, bool create, CancellationToken cancellationToken)
    {
        if (turn.Client is not { } client)
        {
            return null;
        }

        var state = await turn.Db.ConversationStates.FindAsync([client.Id], cancellationToken);
        if (state is null && create)
        {
            state = new ConversationState { ClientId = client.Id, UpdatedAt = turn.Now };
            turn.Db.ConversationStates.Add(state);
        }

        return state;
    }
}
