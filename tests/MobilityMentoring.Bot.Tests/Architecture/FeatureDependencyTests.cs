using System.Text.RegularExpressions;
using MobilityMentoring.Bot.Tests.Infrastructure;

namespace MobilityMentoring.Bot.Tests.Architecture;

/// <summary>
/// Which feature folders of the service may use which (read from the source: usings and qualified names). The two
/// staff surfaces (Api, Dashboard) sit on top and never use each other; the hosts (Jobs, Health) and Program.cs
/// compose; every other folder is a feature that uses neither. A new use between features is a decision: the
/// table below must say it, and README's "Where things are" with it.
/// </summary>
public sealed partial class FeatureDependencyTests
{
    private static readonly string[] Surfaces = ["Api", "Dashboard"];
    private static readonly string[] Hosts = ["Jobs", "Health"];

    /// <summary>Every folder's allowed uses of other folders.</summary>
    private static readonly Dictionary<string, string[]> MayUse = new()
    {
        ["Operations"] = [],
        ["Privacy"] = [],
        ["Transport"] = [],
        ["Accounts"] = ["Coaching", "Data", "Operations", "Privacy"],
        ["Data"] = ["Accounts", "Channels", "Coaching", "Conversations", "DataRights", "Privacy", "Reminders", "Summaries"],
        ["Channels"] = ["Accounts", "Coaching", "Conversations", "Data", "Dialogs", "Operations", "Privacy"],
        ["Conversations"] = ["Accounts", "Channels", "Coaching", "Data", "Dialogs", "Operations", "Privacy", "Reminders"],
        ["Dialogs"] = ["Channels", "Coaching", "Conversations", "Data"],
        ["Coaching"] = ["Accounts", "Channels", "Conversations", "Data", "Dialogs", "Operations", "Privacy"],
        ["Reminders"] = ["Accounts", "Channels", "Coaching", "Conversations", "Data", "Dialogs", "Operations", "Privacy"],
        ["Summaries"] = ["Accounts", "Channels", "Coaching", "Data", "Operations", "Privacy"],
        ["DataRights"] = ["Accounts", "Channels", "Coaching", "Conversations", "Data", "Operations", "Privacy", "Summaries"],
        ["Caseloads"] = ["Accounts", "Coaching", "Data"],
        ["Reports"] = ["Accounts", "Channels", "Coaching", "Data", "Operations", "Privacy", "Reminders"],
        ["Api"] = ["Accounts", "Caseloads", "Channels", "Coaching", "Conversations", "Data", "DataRights", "Dialogs", "Operations", "Privacy", "Reminders", "Reports", "Summaries"],
        ["Dashboard"] = ["Accounts", "Caseloads", "Channels", "Coaching", "Conversations", "Data", "DataRights", "Dialogs", "Operations", "Privacy", "Reminders", "Reports", "Summaries"],
        ["Jobs"] = ["Accounts", "Channels", "Coaching", "Data", "DataRights", "Dialogs", "Privacy", "Reminders"],
        ["Health"] = ["Data"],
    };

    [Fact]
    public void Every_feature_folder_uses_only_what_the_table_allows()
    {
        var uses = Uses();
        Assert.Equal(MayUse.Keys.Order(), uses.Keys.Order());
        var unexpected = uses.SelectMany(u => u.Value.Except(MayUse[u.Key]).Select(other => $"{u.Key} uses {other}")).ToList();
        Assert.True(unexpected.Count == 0, "not in the table: " + string.Join("; ", unexpected));
    }

    [Fact]
    public void The_surfaces_and_hosts_are_used_by_no_feature_and_the_surfaces_not_by_each_other()
    {
        var uses = Uses();
        foreach (var (folder, used) in uses)
        {
            Assert.DoesNotContain(used, u => Surfaces.Contains(u) || Hosts.Contains(u));
        }

        Assert.Empty(MayUse.Where(m => !Surfaces.Contains(m.Key) && !Hosts.Contains(m.Key)).SelectMany(m => m.Value).Intersect(Surfaces.Concat(Hosts)));
    }

    /// <summary>Per top folder of the service, the other top folders its code names.</summary>
    private static Dictionary<string, HashSet<string>> Uses()
    {
        var source = Path.Combine(RepositoryFolder.Root, "src", "MobilityMentoring.Bot");
        var folders = Directory.GetDirectories(source).Select(Path.GetFileName).OfType<string>()
            .Where(f => f is not ("bin" or "obj" or "Properties" or "data")).ToHashSet(StringComparer.Ordinal);
        return folders.ToDictionary(folder => folder, folder => Directory
            .EnumerateFiles(Path.Combine(source, folder), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .SelectMany(f => Named().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Where(used => used != folder && folders.Contains(used))
            .ToHashSet(StringComparer.Ordinal));
    }

    [GeneratedRegex(@"MobilityMentoring\.Bot\.([A-Z][A-Za-z]+)")]
    private static partial Regex Named();
}
