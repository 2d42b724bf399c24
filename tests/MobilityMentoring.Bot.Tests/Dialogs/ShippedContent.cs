using MobilityMentoring.Bot.Dialogs;
using MobilityMentoring.Bot.Dialogs.Safety;
using MobilityMentoring.Bot.Dialogs.Understanding;

namespace MobilityMentoring.Bot.Tests.Dialogs;

/// <summary>The dialogs/ folder as the service ships it.</summary>
internal static class ShippedContent
{
    public static DialogContent Content { get; } = DialogContentLoader.Load(Path.Combine(AppContext.BaseDirectory, "dialogs"));

    public static Understanding Understanding { get; } = new(Content);

    public static DayParser Days { get; } = new(Content, Understanding);

    public static CrisisNet Crisis { get; } = new(Content);
}
