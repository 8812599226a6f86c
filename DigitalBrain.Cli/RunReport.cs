using System.Globalization;
using System.Text;
using System.Text.Json;
using DigitalBrain.Simulation.Analysis;
using DigitalBrain.Simulation.Engine;

namespace DigitalBrain.Cli;

/// <summary>Formats a run's figures: the JSON object of <c>simulate --json</c> and a plain table.</summary>
internal static class RunReport
{
    public static string Json(SimulationOutput output, IReadOnlyList<PopulationStatistics> stats)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("backend", output.Backend);
            w.WriteNumber("threads", output.Threads);
            w.WriteNumber("neurons", output.Neurons);
            w.WriteNumber("synapses", output.Synapses);
            w.WriteNumber("build_s", output.BuildSeconds);
            w.WriteNumber("sim_s", output.SimulateSeconds);
            w.WriteNumber("build_cpu_s", output.BuildCpuSeconds);
            w.WriteNumber("sim_cpu_s", output.SimulateCpuSeconds);
            WriteNumberOrNull(w, "rtf", output.RealTimeFactor);
            w.WriteNumber("peak_rss_bytes", output.PeakRssBytes);
            WriteNumberOrNull(w, "bytes_per_synapse", output.BytesPerSynapse);
            w.WriteNumber("simulated_ms", output.RecordedMs);
            w.WriteStartArray("populations");
            foreach (var s in stats)
            {
                w.WriteStartObject();
                w.WriteString("name", s.Name);
                w.WriteNumber("n", s.Size);
                WriteNumberOrNull(w, "rate_hz", s.RateHz);
                WriteNumberOrNull(w, "rate_sd_hz", s.RateSdHz);
                WriteNumberOrNull(w, "cv_isi", s.CvIsi);
                WriteNumberOrNull(w, "synchrony", s.Synchrony);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string Table(SimulationOutput output, IReadOnlyList<PopulationStatistics> stats, IReadOnlyList<double>? reference)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(string.Create(c, $"backend {output.Backend}, {output.Threads} threads, {output.Neurons} neurons, {output.Synapses} synapses"));
        text.AppendLine(string.Create(c, $"build {output.BuildSeconds:F2} s, simulate {output.SimulateSeconds:F2} s for {output.RecordedMs:F0} ms (RTF {output.RealTimeFactor:F3})"));
        text.AppendLine(string.Create(c, $"cpu time: build {output.BuildCpuSeconds:F2} s, simulate {output.SimulateCpuSeconds:F2} s (all threads; load average {LoadAverage()})"));
        text.AppendLine(string.Create(c, $"peak RSS {output.PeakRssBytes / 1e9:F3} GB, connectivity {output.BytesPerSynapse:F2} bytes/synapse"));
        text.AppendLine(reference is null ? "population      n   rate_hz  sd_hz  cv_isi  synchrony" : "population      n   rate_hz  sd_hz  cv_isi  synchrony  reference  deviation");
        for (var i = 0; i < stats.Count; i++)
        {
            var s = stats[i];
            text.Append(string.Create(c, $"{s.Name,-10} {s.Size,6} {s.RateHz,8:F3} {s.RateSdHz,6:F3} {s.CvIsi,7:F3} {s.Synchrony,9:F2}"));
            if (reference is not null)
            {
                text.Append(string.Create(c, $" {reference[i],10:F3} {(s.RateHz - reference[i]) / reference[i] * 100,+9:F1}%"));
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static void WriteNumberOrNull(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
