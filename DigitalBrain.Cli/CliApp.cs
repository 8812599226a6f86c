namespace DigitalBrain.Cli;

/// <summary>Command-line front-end: simulate, export and benchmark a network without the web app.
/// A small dispatcher; each command lives in its own file with <c>public static int Run(string[] args)</c>.</summary>
public static class CliApp
{
    public static int Run(string[] args)
    {
        if (args.Length == 0)
        {
            PrintUsage();
            return 2;
        }

        var rest = args[1..];
        try
        {
            return args[0] switch
            {
                "simulate" => SimulateCommand.Run(rest),
                "bench" => BenchCommand.Run(rest),
                "bench-wholebrain" => BenchWholeBrainCommand.Run(rest),
                "export" => ExportCommand.Run(rest),
                "help" or "--help" or "-h" => PrintUsage(0),
                _ => PrintUsage(2, $"unknown command '{args[0]}'"),
            };
        }
        catch (CliUsageException e)
        {
            return PrintUsage(2, e.Message);
        }
    }

    private static int PrintUsage(int code = 2, string? error = null)
    {
        if (error != null)
        {
            Console.Error.WriteLine($"digitalbrain: {error}");
        }

        Console.Error.WriteLine("""
            usage:
              digitalbrain simulate <spec.json | builtin:microcircuit | builtin:brunel | builtin:wholebrain> [--scale S] [--t-presim MS]
                                    [--t-sim MS] [--seed N] [--threads N] [--backend cpu|gpu|auto] [--connectivity auto|stored|procedural]
                                    [--spikes DIR] [--json]
              digitalbrain bench [--scale S] [--t-presim MS] [--t-sim MS] [--threads N] [--seeds N]
              digitalbrain bench-wholebrain [--scales 0.1,0.25,0.5,1] [--t-presim MS] [--t-sim MS] [--threads N] [--seed N] [--out DIR]
            """);
        return code;
    }
}

/// <summary>A command line that cannot be run; the message says why.</summary>
public sealed class CliUsageException(string message) : Exception(message);
