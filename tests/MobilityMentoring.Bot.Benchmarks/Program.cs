using MobilityMentoring.Bot.Benchmarks;

// Figures, not verdicts: each scenario prints what it measured. The drills end with a verdict each, and exit 1 if one failed.
var options = BenchmarkOptions.Parse(args);
return options.Scenario switch
{
    "inbound" => await InboundWebhookBenchmark.RunAsync(options),
    "reminders" => await ReminderBenchmark.RunAsync(options),
    "caseload" => await CaseloadBenchmark.RunAsync(options),
    "reading" => await ReadingBenchmark.RunAsync(options),
    "drills" => await FaultDrills.RunAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: inbound [--rate N] [--seconds N] [--warmup N] [--clients N] | reminders [--clients N] [--mps N] [--warmup-clients N] | caseload [--clients N] | reading [--seconds N: rounds] | drills [kill] [kill2] [pgrestart] [--rate N] [--seconds N: either side of the fault]");
    return 2;
}
