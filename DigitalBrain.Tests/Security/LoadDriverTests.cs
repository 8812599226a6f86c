using DigitalBrain.Load;
using DigitalBrain.Tests.Api;

namespace DigitalBrain.Tests.Security;

/// <summary>The load driver itself, briefly: five curators for five seconds (and at least five
/// writes each, so that edits happen however busy the machine) on the API app. It
/// registers its users through the form, makes tokens through the API, writes, retries
/// conflicts, and verifies the final entries and estimates; a failing run is a failing test.</summary>
[Collection(ApiAppCollection.Name)]
public sealed class LoadDriverTests(ApiAppFixture f)
{
    [Fact]
    public async Task Five_curators_for_five_seconds_lose_nothing_and_leave_estimates_equal_to_a_recomputation()
    {
        var output = new StringWriter();
        var stats = await new LoadRun(new LoadOptions(f.App.BaseAddress, Users: 5, Duration: TimeSpan.FromSeconds(5), Populations: 2, MinimumWrites: 5), output)
            .RunAsync(TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine(stats.Summary());
        Assert.True(stats.Ok, stats.Summary() + "\n" + output);
        Assert.True(stats.Adds >= 5, stats.Summary());
        Assert.True(stats.Edits >= 1, stats.Summary());
        Assert.Equal(stats.Adds, stats.Entries);
        Assert.InRange(stats.Estimates, 1, 2);
        Assert.True(stats.Percentile(95) >= stats.Percentile(50));
    }
}
