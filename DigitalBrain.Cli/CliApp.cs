namespace DigitalBrain.Cli;

/// <summary>Command-line front-end: simulate, export and benchmark a network without the web app.</summary>
public static class CliApp
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("usage: digitalbrain simulate <spec.json | builtin:NAME> [options]");
        return args.Length == 0 ? 2 : 1;
    }
}
