using DigitalBrain.Core.Models;
using DigitalBrain.Core.SpecImport;
using DigitalBrain.Simulation.Builtins;
using DigitalBrain.Simulation.Spec;
using DigitalBrain.Tests.Browser.Curation;
using DigitalBrain.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DigitalBrain.Tests.Browser.Versions;

/// <summary>A curator freezes a version on the versions page and downloads it as a PyNEST script
/// through the cookie-authenticated download link.</summary>
[Collection(AccountsAppCollection.Name)]
public sealed class VersionsBrowserTests(BrowserFixture browser, AccountsAppFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_user_creates_a_version_of_an_imported_model_and_downloads_its_pynest_script()
    {
        var (page, userId) = await CurationPages.NewUserAsync(browser, fixture, "Vera Versions");
        var import = await new SpecImportService(PostgresFixture.CreateFactory(fixture.ConnectionString))
            .ImportJsonAsync(new Actor(userId), NetworkSpecJson.Serialize(Brunel.Create(0.1)), TestContext.Current.CancellationToken);

        await page.GotoAsync($"/models/{import.ModelId}/versions");
        await CreateVersionAsync(page);
        await page.WaitForURLAsync("**/versions/*");
        await Expect(page.GetByTestId("version-facts")).ToContainTextAsync("Vera Versions");
        await Expect(page.GetByTestId("provenance-table")).ToContainTextAsync("NetworkSpec import");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-pynest").ClickAsync());
        var path = await download.PathAsync();
        var script = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);

        Assert.Matches(@"^model-[0-9a-f]{32}-v1\.py$", download.SuggestedFilename);
        Assert.Contains("nest.Create(\"iaf_psc_alpha\"", script, StringComparison.Ordinal);
        Assert.Contains("# Version hash: ", script, StringComparison.Ordinal);
    }

    private static async Task CreateVersionAsync(IPage page)
    {
        await page.GetByTestId("create-version").ClickAsync();
        // Compiling the version can take a while on a loaded CI machine.
        await page.WaitForURLAsync("**/versions/*", new() { Timeout = 60_000 });
    }
}
