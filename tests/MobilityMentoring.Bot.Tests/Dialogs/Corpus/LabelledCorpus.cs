namespace MobilityMentoring.Bot.Tests.Dialogs.Corpus;

/// <summary>A labelled corpus in Dialogs/Corpus/*.tsv: tab-separated columns, # for comments.</summary>
internal static class LabelledCorpus
{
    public static IReadOnlyList<string[]> Read(string file, int columns)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Dialogs", "Corpus", file);
        var rows = new List<string[]>();
        foreach (var (line, number) in File.ReadLines(path).Select((l, i) => (l, i + 1)))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var cells = line.Split('\t');
            if (cells.Length != columns)
            {
                throw new FormatException($"{file} line {number}: {cells.Length} columns, expected {columns}");
            }

            rows.Add(cells);
        }

        return rows;
    }
}
