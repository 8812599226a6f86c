using DigitalBrain.Load;

// digitalbrain-load --url http://127.0.0.1:5000 [--users 50] [--seconds 120] [--min-writes 0] [--populations 4] [--browsers 20 [--arrival-seconds 5] [--interactions 10] [--live-rounds 5] [--app-pid PID]]
var options = LoadOptions.Parse(args);
var report = await new LoadRun(options, Console.Out).RunAsync(CancellationToken.None);
Console.WriteLine(report.Summary());
return report.Ok ? 0 : 1;
