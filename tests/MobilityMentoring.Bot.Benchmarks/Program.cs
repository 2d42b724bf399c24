using MobilityMentoring.Bot.Benchmarks;

// Figures, not verdicts: each scenario prints what it measured.
var options = BenchmarkOptions.Parse(args);
return options.Scenario switch
{
    "inbound" => await InboundWebhookBenchmark.RunAsync(options),
    "reminders" => await ReminderBenchmark.RunAsync(options),
    "caseload" => await CaseloadBenchmark.RunAsync(options),
    "reading" => await ReadingBenchmark.RunAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: inbound [--rate N] [--seconds N] [--warmup N] [--clients N] | reminders [--clients N] [--mps N] [--warmup-clients N] | caseload [--clients N] | reading [--seconds N: rounds]");
    return 2;
}
