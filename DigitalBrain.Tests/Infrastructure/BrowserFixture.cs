using Microsoft.Playwright;

namespace DigitalBrain.Tests.Infrastructure;

/// <summary>
/// One headless Chromium per test class (Debian's /usr/bin/chromium: Playwright never downloads a
/// browser here). Each test opens its own context, so cookies and storage never leak between tests.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser fixture is not initialised.");

    /// <summary>.artifacts/screenshots/ at the repository root (CI keeps it as a test artifact).</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(RepositoryRoot(), ".artifacts", "screenshots");

    public async ValueTask InitializeAsync()
    {
        // The driver must not fetch browsers behind our back, even if someone runs `playwright install`.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
        // Generous waits: CI machines are shared and a loaded one renders slowly; a passing
        // expectation returns as soon as it holds, so this costs nothing when all is well.
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
    }

    /// <summary>A fresh context (own cookies) with one page, at a desktop size.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DigitalBrain.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"DigitalBrain.sln not found above {AppContext.BaseDirectory}.");
    }
}
