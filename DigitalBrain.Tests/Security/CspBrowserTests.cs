using DigitalBrain.Core.Seeding;
using DigitalBrain.Tests.Browser;
using DigitalBrain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace DigitalBrain.Tests.Security;

/// <summary>The Content-Security-Policy in a real browser: the pages render and go interactive
/// with no violation reported (console, or the securitypolicyviolation event). The run
/// dashboard's Plotly charts are covered by the runs browser test, which fails on any console error.</summary>
[Collection(AccountsAppCollection.Name)]
public sealed class CspBrowserTests(BrowserFixture browser, AccountsAppFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Pages_render_and_go_live_without_a_content_security_policy_violation()
    {
        var ct = TestContext.Current.CancellationToken;
        Guid modelId, populationId;
        await using (var db = PostgresFixture.CreateContext(fixture.ConnectionString))
        {
            modelId = (await db.BrainModels.SingleAsync(m => m.SeedKey == MicrocircuitSeed.SeedKey, ct)).Id;
            populationId = await db.Populations.Where(p => p.ModelId == modelId).Select(p => p.Id).FirstAsync(ct);
        }
        var page = await browser.NewPageAsync(fixture.App.BaseAddress);
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" || message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                problems.Add($"console: {message.Text}");
        };
        page.PageError += (_, error) => problems.Add($"page error: {error}");
        await page.AddInitScriptAsync("""
            window.__csp = [];
            document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
            """);

        await page.GotoAsync("/account/login");
        await AccountPages.LogInAsync(page, AccountsAppFixture.AdminEmail, AccountsAppFixture.AdminPassword);
        await Expect(AccountPages.UserMenuButton(page, AccountsAppFixture.AdminDisplayName)).ToBeVisibleAsync();
        foreach (var path in new[] { "/", "/models", $"/models/{modelId}", $"/models/{modelId}/structure", $"/models/{modelId}/populations/{populationId}", $"/models/{modelId}/runs" })
        {
            await page.GotoAsync(path);
            await Expect(AccountPages.UserMenuButton(page, AccountsAppFixture.AdminDisplayName)).ToBeVisibleAsync();
            var violations = await page.EvaluateAsync<string[]>("() => window.__csp");
            problems.AddRange(violations.Select(v => $"{path}: violation {v}"));
        }
        await Expect(page.GetByText("Potjans").First).ToBeVisibleAsync();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
