using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Simulation.Export;

/// <summary>The formats a <see cref="NetworkSpec"/> can leave the app in.</summary>
public enum ExportFormat
{
    /// <summary>A PyNEST (NEST 3.x) script.</summary>
    PyNest,
    /// <summary>A Brian2 (2.5) script.</summary>
    Brian2,
    /// <summary>Our own <see cref="NetworkSpec"/> JSON document.</summary>
    Json,
}

/// <summary>Turns a spec into one self-contained text file. Three implementations, one per
/// <see cref="ExportFormat"/>; the web page and the CLI pick one through <see cref="NetworkExporters.For"/>.</summary>
public interface INetworkExporter
{
    /// <summary>File name extension, with the dot (e.g. <c>.py</c>).</summary>
    string FileExtension { get; }

    /// <summary>Media type for a download (e.g. <c>text/x-python</c>).</summary>
    string MediaType { get; }

    /// <summary>The exported document. Connectivity stays rule-based: the size of the output does
    /// not grow with the number of synapses.</summary>
    string Export(NetworkSpec spec, ExportContext? context = null);
}

/// <summary>Lookup of the exporter for a format.</summary>
public static class NetworkExporters
{
    public static INetworkExporter For(ExportFormat format) => format switch
    {
        ExportFormat.PyNest => new PyNestExporter(),
        ExportFormat.Brian2 => new Brian2Exporter(),
        ExportFormat.Json => new JsonExporter(),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown export format."),
    };
}
