using Bunit;
using DigitalBrain.Web.Components.Account.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalBrain.Tests.Components;

public sealed class RedirectToLoginTests : MudComponentTest
{
    [Fact]
    public void An_anonymous_visit_to_a_protected_page_goes_to_login_and_comes_back_afterwards()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("models/3?tab=structure");

        RenderInteractive<RedirectToLogin>();

        Assert.Equal("http://localhost/account/login?ReturnUrl=models%2F3%3Ftab%3Dstructure", navigation.Uri);
    }
}
