namespace MobilityMentoring.Bot.Dialogs.Lint;

public static class LintCommand
{
    /// <summary>Prints every rule a message in dialogs/ breaks; returns the process exit code (0: all good).</summary>
    public static int LintDialogs(this WebApplication app, TextWriter output)
    {
        var content = app.Services.GetRequiredService<DialogContent>();
        var problems = ContentLint.Check(content);
        foreach (var problem in problems)
        {
            output.WriteLine(problem);
        }

        var messages = content.Languages.Sum(l => content.MessagesOf(l).Count);
        output.WriteLine(problems.Count == 0
            ? $"dialogs: {messages} messages in {string.Join(", ", content.Languages)}, all fit the rules"
            : $"dialogs: {problems.Count} problems in {messages} messages");
        return problems.Count == 0 ? 0 : 1;
    }
}
