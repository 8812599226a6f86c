using System.Net;

namespace DigitalBrain.Tests.Browser;

/// <summary>Shell behaviour that needs no browser: plain HTTP against the same app process.</summary>
[Collection(AccountsAppCollection.Name)]
public sealed class ShellHttpTests(AccountsAppFixture fixture)
{
    [Fact]
    public async Task An_unknown_address_answers_404_with_the_not_found_page()
    {
        using var response = await fixture.App.Client.GetAsync(new Uri("/no/such/page", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is no page at this address", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_refuses_a_post_without_the_antiforgery_token()
    {
        using var form = new FormUrlEncodedContent([new("ReturnUrl", "")]);
        using var response = await fixture.App.Client.PostAsync(new Uri("/account/logout", UriKind.Relative), form, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Logout_is_not_reachable_by_get()
    {
        using var response = await fixture.App.Client.GetAsync(new Uri("/account/logout", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
