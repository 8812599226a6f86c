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

    [Fact]
    public async Task Browser_sessions_arrive_switch_parameters_and_see_another_users_entry_and_report_where_the_cpu_went()
    {
        var output = new StringWriter();
        var stats = await new LoadRun(new LoadOptions(f.App.BaseAddress, Users: 3, Duration: TimeSpan.FromSeconds(2), Populations: 1, Browsers: 2,
                ArrivalSeconds: 0, Interactions: 2, LiveRounds: 1, MinimumWrites: 2), output)
            .RunAsync(TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine(stats.Summary());
        Assert.True(stats.Ok, stats.Summary() + "\n" + output);
        var report = Assert.IsType<string>(stats.Browsers);
        Assert.Contains("2 browser sessions", report, StringComparison.Ordinal);
        Assert.Contains("parameter click to its entries grid shown", report, StringComparison.Ordinal);
        Assert.Contains("(n 4)", report, StringComparison.Ordinal); // 2 sessions × 2 switches
        Assert.Contains("in every session", report, StringComparison.Ordinal);
        Assert.Contains("renderers' main threads", report, StringComparison.Ordinal);
        Assert.Matches(@"renderer \d+\.\d", report);
    }
}
