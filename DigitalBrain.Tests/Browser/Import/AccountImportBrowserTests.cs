using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DigitalBrain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static DigitalBrain.Tests.Browser.Curation.CurationPages;
using static Microsoft.Playwright.Assertions;

namespace DigitalBrain.Tests.Browser.Import;

/// <summary>The API tokens page and the import page end to end, on the shared app.</summary>
[Collection(AccountsAppCollection.Name)]
public sealed class AccountImportBrowserTests(BrowserFixture browser, AccountsAppFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_token_created_on_the_tokens_page_opens_the_api_until_it_is_revoked_there()
    {
        var (page, userId) = await NewUserAsync(browser, fixture, "Tilda Tokens");
        await AccountPages.OpenUserMenuAsync(page, "Tilda Tokens");
        await page.GetByTestId("user-menu-tokens").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/account/tokens", StringComparison.Ordinal));
        await Expect(page.GetByTestId("tokens-empty")).ToBeVisibleAsync();

        await Field(page, "token-name").FillAsync("lab notebook");
        await page.GetByTestId("create-token").ClickAsync();
        await Expect(page.GetByTestId("token-created")).ToContainTextAsync("will not be shown again");
        var secret = (await page.GetByTestId("token-secret").TextContentAsync())!.Trim();
        Assert.Matches("^db_[A-Za-z0-9_-]{43}$", secret);
        await Expect(page.GetByTestId("token-row-name")).ToHaveTextAsync("lab notebook");
        await Expect(page.GetByTestId("tokens-table")).ToContainTextAsync(secret[..11] + "…");
        await Expect(page.GetByTestId("tokens-table")).Not.ToContainTextAsync(secret);
        await BrowserFixture.ScreenshotAsync(page, "tokens-created");

        var (status, body) = await MeAsync(secret);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(userId, JsonDocument.Parse(body).RootElement.GetProperty("userId").GetString());

        await page.GetByTestId("revoke-token").ClickAsync();
        await Expect(page.GetByTestId("token-status")).ToHaveTextAsync("active"); // asking is not revoking
        await page.GetByTestId("confirm-revoke").ClickAsync();
        await Expect(page.GetByTestId("token-status")).ToHaveTextAsync("revoked");
        await Expect(page.GetByTestId("token-secret")).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(secret)).Status);
    }

    [Fact]
    public async Task A_dry_run_lists_the_one_bad_row_among_a_thousand_and_the_fixed_file_imports_whole()
    {
        var ct = TestContext.Current.CancellationToken;
        var (page, userId) = await NewUserAsync(browser, fixture, "Ida Importer");
        var (modelId, _) = await ModelWithPopulationAsync(fixture, userId);
        await page.GotoAsync($"/models/{modelId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Import & export" }).ClickAsync();
        var fileInput = page.Locator("input[type=file]").First;
        await fileInput.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 }); // the circuit renders it

        await fileInput.SetInputFilesAsync(CsvFile(1000, badRow: 499));
        await ClickWhenEnabledAsync(page, "dry-run");
        await Expect(page.GetByTestId("import-summary")).ToContainTextAsync("1,000 rows checked");
        await Expect(page.GetByTestId("import-summary")).ToContainTextAsync("1 error in 1 row");
        await Expect(page.GetByTestId("error-row")).ToHaveTextAsync("501"); // data row 499 from 0, after the header
        await Expect(page.GetByTestId("error-field")).ToHaveTextAsync("value");
        await Expect(page.GetByTestId("error-rule")).ToHaveTextAsync("finite");
        await Expect(page.GetByTestId("commit-import")).ToBeDisabledAsync();
        await BrowserFixture.ScreenshotAsync(page, "import-dry-run-error");

        await fileInput.SetInputFilesAsync(CsvFile(1000));
        await Expect(page.GetByTestId("import-summary")).ToHaveCountAsync(0); // a new file clears the old report
        await ClickWhenEnabledAsync(page, "dry-run");
        await Expect(page.GetByTestId("import-summary")).ToContainTextAsync("1,000 entries would be created");
        await ClickWhenEnabledAsync(page, "commit-import");
        await Expect(page.GetByTestId("import-summary")).ToContainTextAsync("Imported 1,000 entries from 1,000 rows", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("commit-import")).ToBeDisabledAsync();
        await using (var db = PostgresFixture.CreateContext(fixture.ConnectionString))
        {
            Assert.Equal(1000, await db.Entries.CountAsync(e => e.ModelId == modelId, ct));
            Assert.Equal(1000, await db.EntryAudits.CountAsync(a => a.ModelId == modelId, ct));
            Assert.Equal(1000, await db.CollectiveEstimates.Where(e => e.ModelId == modelId).Select(e => e.EntryCount).SingleAsync(ct));
        }

        await page.Locator(".mud-tab").Filter(new() { HasTextString = "Export" }).ClickAsync();
        var csvHref = await page.GetByTestId("export-entries-csv").GetAttributeAsync("href");
        var csv = await page.APIRequest.GetAsync(csvHref!); // the browser's sign-in cookie
        Assert.Equal(200, csv.Status);
        Assert.StartsWith("attachment", csv.Headers["content-disposition"], StringComparison.Ordinal);
        var lines = (await csv.TextAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1001, lines.Length);
        Assert.StartsWith("target,parameter,value", lines[0], StringComparison.Ordinal);
        var json = await page.APIRequest.GetAsync((await page.GetByTestId("export-entries-json").GetAttributeAsync("href"))!);
        Assert.Equal(1000, JsonDocument.Parse(await json.TextAsync()).RootElement.GetArrayLength());

        var anonymous = await fixture.App.Client.GetAsync(new Uri(csvHref!, UriKind.Relative), ct);
        Assert.Contains("/account/login", anonymous.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
    }

    /// <summary>Distinct tau_m values of population L4e (every tenth in seconds), 20 DOIs; the bad row overflows to infinity.</summary>
    private static FilePayload CsvFile(int rows, int badRow = -1)
    {
        var csv = new StringBuilder("target,parameter,value,unit,n,doi,set_as,notes\r\n");
        for (var i = 0; i < rows; i++)
        {
            var (value, unit) = i % 10 == 0 ? ((5 + i * 0.001) / 1000, "s") : (5 + i * 0.001, "ms");
            var text = i == badRow ? "1e400" : value.ToString("R", CultureInfo.InvariantCulture);
            csv.Append(CultureInfo.InvariantCulture, $"L4e,tau_m,{text},{unit},4,10.5555/ui.{i % 20},fixed,row {i}\r\n");
        }
        return new FilePayload { Name = "entries.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv.ToString()) };
    }

    /// <summary>The file crosses the circuit before the button enables; a loaded CI machine may take longer than the default wait.</summary>
    private static async Task ClickWhenEnabledAsync(IPage page, string testId)
    {
        await Expect(page.GetByTestId(testId)).ToBeEnabledAsync(new() { Timeout = 60_000 });
        await page.GetByTestId(testId).ClickAsync();
    }

    private async Task<(HttpStatusCode Status, string Body)> MeAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await fixture.App.Client.SendAsync(request, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
