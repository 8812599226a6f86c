using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace DigitalBrain.Core.Infrastructure;

/// <summary>
/// A private PostgreSQL cluster in a folder of our own, started with the server binaries of the
/// <c>postgresql</c> package. The app uses one when no connection string is configured, and the
/// tests use a throwaway one, so neither needs Docker nor a system-wide server.
/// </summary>
public sealed class LocalPostgresCluster : IAsyncDisposable
{
    private const string Superuser = "postgres";
    private readonly string _binDir;
    private readonly bool _dropPrivileges;
    private readonly bool _deleteOnDispose;

    private LocalPostgresCluster(string dataDir, string binDir, bool deleteOnDispose)
    {
        DataDir = dataDir;
        _binDir = binDir;
        _deleteOnDispose = deleteOnDispose;
        // initdb and postgres refuse to run as root: run them as the package's 'postgres' user.
        _dropPrivileges = Environment.UserName == "root";
    }

    public string DataDir { get; }

    public int Port { get; private set; }

    public string Password { get; private set; } = "";

    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username={Superuser};Password={Password}";

    /// <summary>Creates the cluster if the folder has none, then starts it on a free loopback port.</summary>
    public static async Task<LocalPostgresCluster> StartAsync(string dataDir, bool deleteOnDispose, CancellationToken ct = default)
    {
        var cluster = new LocalPostgresCluster(Path.GetFullPath(dataDir), FindBinDir(), deleteOnDispose);
        await cluster.InitialiseIfMissingAsync(ct);
        await cluster.StartServerAsync(ct);
        return cluster;
    }

    /// <summary>Throwaway cluster in a fresh temp folder, removed on dispose.</summary>
    public static Task<LocalPostgresCluster> StartTemporaryAsync(CancellationToken ct = default)
    {
        var dir = Path.Combine(Path.GetTempPath(), "digitalbrain-pg-" + Guid.NewGuid().ToString("N")[..12]);
        return StartAsync(dir, deleteOnDispose: true, ct);
    }

    public static string FindBinDir()
    {
        var configured = Environment.GetEnvironmentVariable("DIGITALBRAIN_PG_BIN");
        if (!string.IsNullOrEmpty(configured))
            return configured;
        const string root = "/usr/lib/postgresql";
        var candidates = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => (dir: Path.Combine(d, "bin"), version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(c => File.Exists(Path.Combine(c.dir, "initdb")))
                .OrderByDescending(c => c.version)
                .Select(c => c.dir)
                .ToList()
            : [];
        return candidates.FirstOrDefault()
            ?? throw new InvalidOperationException(
                "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: install the 'postgresql' package " +
                "(apt-get install postgresql) or set DIGITALBRAIN_PG_BIN.");
    }

    private string PasswordFile => Path.Combine(DataDir, "..", Path.GetFileName(DataDir) + ".password");

    private async Task InitialiseIfMissingAsync(CancellationToken ct)
    {
        if (File.Exists(Path.Combine(DataDir, "PG_VERSION")))
        {
            Password = (await File.ReadAllTextAsync(PasswordFile, ct)).Trim();
            return;
        }
        Directory.CreateDirectory(DataDir);
        Password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        await File.WriteAllTextAsync(PasswordFile, Password, ct);
        var pwfile = Path.Combine(DataDir, "..", "initdb-pw-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(pwfile, Password, ct);
        try
        {
            GiveToServerUser(DataDir);
            GiveToServerUser(pwfile);
            await RunAsync("initdb", ["-D", DataDir, "-U", Superuser, "--pwfile", pwfile, "-E", "UTF8", "--locale=C",
                "--auth-local=scram-sha-256", "--auth-host=scram-sha-256"], ct);
        }
        finally
        {
            File.Delete(pwfile);
        }
    }

    private async Task StartServerAsync(CancellationToken ct)
    {
        // A server left running by a killed app still owns the folder: stop it, then start on a fresh port.
        if (File.Exists(Path.Combine(DataDir, "postmaster.pid")))
            await TryRunAsync("pg_ctl", ["-D", DataDir, "-m", "fast", "-w", "stop"], ct);
        Port = FreePort();
        var options = $"-p {Port} -k {DataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300 -c shared_buffers=128MB";
        await RunAsync("pg_ctl", ["-D", DataDir, "-o", options, "-l", Path.Combine(DataDir, "server.log"), "-w", "-t", "60", "start"], ct);
    }

    public async Task StopAsync()
    {
        await TryRunAsync("pg_ctl", ["-D", DataDir, "-m", "fast", "-w", "stop"], CancellationToken.None);
    }

    /// <summary>Restarts the server on the same port (fault tests: a database restart under load).</summary>
    public async Task RestartAsync(CancellationToken ct = default)
    {
        var options = $"-p {Port} -k {DataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300";
        await RunAsync("pg_ctl", ["-D", DataDir, "-o", options, "-m", "fast", "-w", "-t", "60", "-l", Path.Combine(DataDir, "server.log"), "restart"], ct);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_deleteOnDispose)
        {
            try
            {
                Directory.Delete(DataDir, recursive: true);
                File.Delete(PasswordFile);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless; failing the test run over it is not.
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void GiveToServerUser(string path)
    {
        if (!_dropPrivileges)
            return;
        using var chown = Process.Start("chown", ["-R", "postgres:postgres", path]);
        chown.WaitForExit();
        if (chown.ExitCode != 0)
            throw new InvalidOperationException($"chown postgres {path} failed (exit {chown.ExitCode}); is the 'postgresql' package installed?");
    }

    private async Task<bool> TryRunAsync(string tool, IReadOnlyList<string> args, CancellationToken ct)
    {
        var (exitCode, _) = await ExecAsync(tool, args, ct);
        return exitCode == 0;
    }

    private async Task RunAsync(string tool, IReadOnlyList<string> args, CancellationToken ct)
    {
        var (exitCode, output) = await ExecAsync(tool, args, ct);
        if (exitCode != 0)
            throw new InvalidOperationException($"{tool} failed (exit {exitCode}): {output.Trim()}");
    }

    private async Task<(int ExitCode, string Output)> ExecAsync(string tool, IReadOnlyList<string> args, CancellationToken ct)
    {
        var exe = Path.Combine(_binDir, tool);
        var psi = _dropPrivileges
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", exe, .. args])
            : new ProcessStartInfo(exe, args);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {exe}");
        // pg_ctl start leaves the postmaster holding inherited pipes: read until the tool exits, not to EOF.
        var stdout = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await process.WaitForExitAsync(ct);
        lock (stdout)
            return (process.ExitCode, stdout.ToString());
    }
}
