namespace DigitalBrain.Simulation.Engine;

/// <summary>Peak resident memory of this process.</summary>
public static class ProcessMemory
{
    /// <summary>VmHWM from /proc/self/status in bytes (Linux); elsewhere the peak working set.</summary>
    public static long PeakRssBytes()
    {
        const string path = "/proc/self/status";
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var parts = line[6..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }

        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}
