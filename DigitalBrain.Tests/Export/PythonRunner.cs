using System.Diagnostics;

namespace DigitalBrain.Tests.Export;

/// <summary>Runs Debian's <c>/usr/bin/python3</c> (the one with python3-brian; never the first
/// <c>python3</c> on PATH) on an exported script, in a throwaway folder.</summary>
internal sealed class PythonRunner : IDisposable
{
    public const string Python = "/usr/bin/python3";

    public PythonRunner()
    {
        Folder = Directory.CreateTempSubdirectory("digitalbrain-export-").FullName;
    }

    public string Folder { get; }

    public string PathOf(string name) => Path.Combine(Folder, name);

    public string Write(string name, string text)
    {
        var path = PathOf(name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Runs python with <paramref name="arguments"/>; fails the test with the script's
    /// output when it exits non-zero or outlives <paramref name="timeout"/>.</summary>
    public async Task<string> RunAsync(IEnumerable<string> arguments, TimeSpan timeout, CancellationToken ct,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Python)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Brian2 and matplotlib want a writable home for caches; keep them in the test folder.
        start.Environment["HOME"] = Folder;
        start.Environment["PYTHONWARNINGS"] = "ignore";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"python3 {string.Join(' ', arguments)} ran longer than {timeout}.");
        }

        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"python3 exited with {process.ExitCode}:\n{output}");
        return output;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; a failed test should not also fail here.
        }
    }
}
