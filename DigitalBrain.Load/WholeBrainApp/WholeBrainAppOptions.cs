using System.Globalization;

namespace DigitalBrain.Load.WholeBrainApp;

/// <summary>What <c>digitalbrain-load wholebrain-app</c> does: as the admin, import the whole-brain
/// benchmark, version it and launch one run at <see cref="Scale"/>; sample the pages every
/// <see cref="Interval"/> until the run is final (or <see cref="Timeout"/>).</summary>
public sealed record WholeBrainAppOptions(Uri BaseAddress, string AdminEmail, string AdminPassword, double Scale, double PresimMs,
    double SimulateMs, TimeSpan Interval, TimeSpan Timeout, int IdleSamples)
{
    public static WholeBrainAppOptions Parse(string[] args)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        double Number(string name, double fallback) => Arg(name) is { } s ? double.Parse(s, CultureInfo.InvariantCulture) : fallback;
        return new WholeBrainAppOptions(
            new Uri(Arg("--url") ?? "http://127.0.0.1:5000"),
            Arg("--admin-email") ?? Environment.GetEnvironmentVariable("DigitalBrain__Admin__Email") ?? throw new ArgumentException("--admin-email is required"),
            Arg("--admin-password") ?? Environment.GetEnvironmentVariable("DigitalBrain__Admin__Password") ?? throw new ArgumentException("--admin-password is required"),
            Number("--scale", 1), Number("--presim", 100), Number("--simulate", 200),
            TimeSpan.FromSeconds(Number("--interval", 3)), TimeSpan.FromSeconds(Number("--timeout", 1800)), (int)Number("--idle-samples", 3));
    }
}
