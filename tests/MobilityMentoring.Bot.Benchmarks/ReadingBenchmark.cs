using System.Diagnostics;
using System.Globalization;
using MobilityMentoring.Bot.Dialogs;
using MobilityMentoring.Bot.Dialogs.Safety;
using MobilityMentoring.Bot.Dialogs.Understanding;

namespace MobilityMentoring.Bot.Benchmarks;

/// <summary>
/// How long it takes to read one client message for meaning, in process: the crisis net (first in every turn) and
/// the answer to a numbered question, over every text in the test corpora (Dialogs/Corpus/*.tsv), timed one by one.
/// </summary>
public static class ReadingBenchmark
{
    private static readonly string[] CheckIn = ["done", "notyet", "help"];

    public static Task<int> RunAsync(BenchmarkOptions options)
    {
        var root = RepositoryRoot();
        var content = DialogContentLoader.Load(Path.Combine(root, "dialogs"));
        var compile = Stopwatch.StartNew();
        var net = new CrisisNet(content);
        var understanding = new Understanding(content);
        compile.Stop();

        var texts = Directory.GetFiles(Path.Combine(root, "tests", "MobilityMentoring.Bot.Tests", "Dialogs", "Corpus"), "*.tsv")
            .SelectMany(File.ReadLines).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t')[^1]).ToArray();
        var rounds = Math.Max(1, options.Seconds);
        Console.WriteLine($"reading: {texts.Length} corpus messages, {rounds} rounds after 20 warm-up rounds; crisis net and answers compiled in {compile.ElapsedMilliseconds} ms");

        Report("crisis net (Detect)", texts, rounds, text => net.Detect(text));
        Report("crisis net + check-in answer (Detect, then Choose)", texts, rounds, text =>
        {
            var utterance = content.Read(text);
            return net.Detect(utterance) ?? (object?)understanding.Choose(utterance, CheckIn);
        });
        return Task.FromResult(0);
    }

    private static void Report(string what, string[] texts, int rounds, Func<string, object?> read)
    {
        for (var warm = 0; warm < 20; warm++)
        {
            foreach (var text in texts)
            {
                read(text);
            }
        }

        var times = new double[texts.Length * rounds];
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var gcs = GC.CollectionCount(0);
        var i = 0;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var text in texts)
            {
                var start = Stopwatch.GetTimestamp();
                read(text);
                times[i++] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }
        }

        var perMessage = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)times.Length;
        Array.Sort(times);
        string P(double q) => times[Math.Min(times.Length - 1, (int)(q * times.Length))].ToString("F1", CultureInfo.InvariantCulture);
        Console.WriteLine($"{what}: {times.Length} reads, p50 {P(0.5)} µs, p90 {P(0.9)} µs, p99 {P(0.99)} µs, p99.9 {P(0.999)} µs, " +
                          $"max {times[^1].ToString("F1", CultureInfo.InvariantCulture)} µs; {perMessage:F0} bytes allocated per message, " +
                          $"{GC.CollectionCount(0) - gcs} gen-0 collections");
    }

    private static string RepositoryRoot()
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
