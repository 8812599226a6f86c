using DigitalBrain.Load;
using DigitalBrain.Load.WholeBrainApp;

// digitalbrain-load wholebrain-app --url … --admin-email … --admin-password … [--scale 1] [--presim 100] [--simulate 200] [--interval 3]
if (args.FirstOrDefault() == "wholebrain-app")
    return await new WholeBrainAppRun(WholeBrainAppOptions.Parse(args), Console.Out).RunAsync(CancellationToken.None);

// digitalbrain-load --url http://127.0.0.1:5000 [--users 50] [--seconds 120] [--min-writes 0] [--populations 4] [--browsers 20 [--arrival-seconds 5] [--interactions 10] [--live-rounds 5] [--app-pid PID]]
var options = LoadOptions.Parse(args);
var report = await new LoadRun(options, Console.Out).RunAsync(CancellationToken.None);
Console.WriteLine(report.Summary());
return report.Ok ? 0 : 1;
