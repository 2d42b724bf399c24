namespace MobilityMentoring.Bot.Tests.Infrastructure;

/// <summary>The checkout the tests run from: the folder that holds MobilityMentoring.Bot.sln.</summary>
internal static class RepositoryFolder
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MobilityMentoring.Bot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("MobilityMentoring.Bot.sln not found above " + AppContext.BaseDirectory);
    }
}
