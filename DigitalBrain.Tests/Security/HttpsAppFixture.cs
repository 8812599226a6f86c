using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DigitalBrain.Tests.Infrastructure;

namespace DigitalBrain.Tests.Security;

/// <summary>The real app in <c>Production</c> listening on plain HTTP and on HTTPS with a
/// throwaway self-signed certificate made here (a PFX in a temporary folder, given to Kestrel as
/// its default certificate). Clients address it as <see cref="HostName"/>, resolved to loopback:
/// ASP.NET Core never sends HSTS to localhost or loopback addresses, so a test on
/// <c>127.0.0.1</c> would see no header whatever the configuration.</summary>
public sealed class HttpsAppFixture(PostgresFixture postgres) : IAsyncLifetime
{
    public const string HostName = "digitalbrain.test";
    private readonly string _folder = Directory.CreateTempSubdirectory("digitalbrain-https-").FullName;
    private readonly List<string> _log = [];
    private Process? _process;
    private string _thumbprint = "";

    public int HttpPort { get; } = FreePort();
    public int HttpsPort { get; } = FreePort();

    public string Log
    {
        get { lock (_log) return string.Join('\n', _log); }
    }

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await postgres.CreateDatabaseAsync("https");
        var pfx = Path.Combine(_folder, "server.pfx");
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        await File.WriteAllBytesAsync(pfx, SelfSignedPfx(password, out _thumbprint), ct);

        var psi = WebAppProcess.StartInfo(connectionString, HttpPort, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Kestrel:Certificates:Default:Path"] = pfx,
            ["Kestrel:Certificates:Default:Password"] = password,
        });
        var urls = psi.ArgumentList.IndexOf("--urls") + 1;
        psi.ArgumentList[urls] = $"http://127.0.0.1:{HttpPort};https://127.0.0.1:{HttpsPort}";
        _process = Process.Start(psi)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var client = NewClient();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The web app exited with {_process.ExitCode}:\n{Log}");
            try
            {
                using var response = await client.GetAsync(Https("/healthz"), ct);
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200, ct);
        }
        throw new TimeoutException($"The web app did not become healthy on HTTPS in 90 s:\n{Log}");
    }

    public Uri Https(string path) => new($"https://{HostName}:{HttpsPort}{path}");

    public Uri Http(string path) => new($"http://{HostName}:{HttpPort}{path}");

    /// <summary>A client that reaches <see cref="HostName"/> on loopback, trusts exactly this
    /// fixture's certificate (self-signed, so its chain is untrusted) and does not follow redirects.</summary>
    public HttpClient NewClient() => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
        SslOptions =
        {
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                certificate is not null && certificate.GetCertHashString() == _thumbprint
                && (errors & ~System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors) == 0,
        },
    }) { Timeout = TimeSpan.FromMinutes(1) };

    private static byte[] SelfSignedPfx(string password, out string thumbprint)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={HostName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(HostName);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        thumbprint = certificate.GetCertHashString();
        return certificate.Export(X509ContentType.Pfx, password);
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_log)
            _log.Add(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            var logs = Path.Combine(AppContext.BaseDirectory, ".artifacts", "logs");
            Directory.CreateDirectory(logs);
            await File.WriteAllTextAsync(Path.Combine(logs, "https-app.log"), Log);
            _process.Dispose();
        }
        Directory.Delete(_folder, recursive: true);
    }
}
