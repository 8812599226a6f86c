using System.Globalization;

namespace DigitalBrain.Load;

/// <summary>What one load run does: <see cref="Users"/> curators of one model, each adding and
/// editing entries for <see cref="Duration"/>; the model's owner also edits other people's
/// entries, so versions collide and conflicts must be retried. <see cref="Browsers"/>: that many
/// curators then also open a curation page in Chromium at once.</summary>
public sealed record LoadOptions(Uri BaseAddress, int Users = 50, TimeSpan Duration = default, int Populations = 4, int Seed = 1, int Browsers = 0)
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
            int.Parse(Arg("--browsers") ?? "0", CultureInfo.InvariantCulture));
    }
}
