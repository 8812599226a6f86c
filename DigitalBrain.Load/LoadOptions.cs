using System.Globalization;

namespace DigitalBrain.Load;

/// <summary>What one load run does: <see cref="Users"/> curators of one model, each adding and
/// editing entries for <see cref="Duration"/>; the model's owner also edits other people's
/// entries, so versions collide and conflicts must be retried. <see cref="Browsers"/>: that many
/// curators then also open a curation page in Chromium (see <see cref="BrowserSessions"/>):
/// arriving over <see cref="ArrivalSeconds"/>, switching parameters <see cref="Interactions"/>
/// times each, then watching <see cref="LiveRounds"/> entries arrive. <see cref="AppPid"/>: the
/// app's process, whose CPU time is reported per phase (0: not reported). <see cref="MinimumWrites"/>:
/// each user goes on past the time until it has made that many writes (for short runs on a busy machine).</summary>
public sealed record LoadOptions(Uri BaseAddress, int Users = 50, TimeSpan Duration = default, int Populations = 4, int Seed = 1, int Browsers = 0,
    double ArrivalSeconds = 5, int Interactions = 10, int LiveRounds = 5, int AppPid = 0, int MinimumWrites = 0)
{
    public TimeSpan Duration { get; init; } = Duration == default ? TimeSpan.FromSeconds(120) : Duration;

    public static LoadOptions Parse(string[] args)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var url = Arg("--url") ?? "http://127.0.0.1:5000";
        return new LoadOptions(new Uri(url),
            int.Parse(Arg("--users") ?? "50", CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(double.Parse(Arg("--seconds") ?? "120", CultureInfo.InvariantCulture)),
            int.Parse(Arg("--populations") ?? "4", CultureInfo.InvariantCulture),
            int.Parse(Arg("--seed") ?? "1", CultureInfo.InvariantCulture),
            int.Parse(Arg("--browsers") ?? "0", CultureInfo.InvariantCulture),
            double.Parse(Arg("--arrival-seconds") ?? "5", CultureInfo.InvariantCulture),
            int.Parse(Arg("--interactions") ?? "10", CultureInfo.InvariantCulture),
            int.Parse(Arg("--live-rounds") ?? "5", CultureInfo.InvariantCulture),
            int.Parse(Arg("--app-pid") ?? "0", CultureInfo.InvariantCulture),
            int.Parse(Arg("--min-writes") ?? "0", CultureInfo.InvariantCulture));
    }
}
