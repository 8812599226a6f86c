using System.Globalization;

namespace DigitalBrain.Load;

/// <summary>CPU seconds (user + system) of processes, from /proc (Linux): how the two cores were
/// shared between the app and the browsers during a phase.</summary>
public static class ProcessCpu
{
    // USER_HZ: the unit of utime/stime in /proc/PID/stat, 100 on every Linux ABI .NET runs on.
    private const double TicksPerSecond = 100;

    /// <summary>CPU seconds of one process; 0 when it is not there (or not on Linux).</summary>
    public static double Seconds(int pid) => Read(pid) is { } stat ? stat.Cpu : 0;

    /// <summary>CPU seconds of the live processes below <paramref name="rootPid"/> (not itself), by
    /// kind: Chromium's process type (its <c>--type=</c> switch: renderer, gpu-process, utility),
    /// else the program's name (chromium's main process, Playwright's node driver).</summary>
    public static IReadOnlyDictionary<string, double> DescendantSecondsByType(int rootPid)
    {
        var all = Directory.Exists("/proc")
            ? Directory.EnumerateDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? Read(pid) : null).OfType<Stat>().ToList()
            : [];
        var parents = all.ToDictionary(s => s.Pid, s => s.Parent);
        return all.Where(s => IsBelow(s.Pid, rootPid, parents)).GroupBy(s => TypeOf(s.Pid)).ToDictionary(g => g.Key, g => g.Sum(s => s.Cpu));
    }

    private static string TypeOf(int pid)
    {
        try
        {
            var args = File.ReadAllText($"/proc/{pid}/cmdline").Split(['\0', ' ']); // Chromium rewrites its own as one spaced string
            var type = args.FirstOrDefault(a => a.StartsWith("--type=", StringComparison.Ordinal));
            return type is null ? Path.GetFileName(args[0]) : type["--type=".Length..];
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static bool IsBelow(int pid, int rootPid, Dictionary<int, int> parents)
    {
        for (var p = parents.GetValueOrDefault(pid); p > 1; p = parents.GetValueOrDefault(p))
        {
            if (p == rootPid)
                return true;
        }
        return false;
    }

    private sealed record Stat(int Pid, int Parent, double Cpu);

    private static Stat? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        // The command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        var c = CultureInfo.InvariantCulture;
        return new Stat(pid, int.Parse(fields[1], c), (long.Parse(fields[11], c) + long.Parse(fields[12], c)) / TicksPerSecond);
    }
}
