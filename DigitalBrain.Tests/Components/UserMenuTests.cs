using System.Security.Claims;
using Bunit;
using DigitalBrain.Web.Accounts;
using DigitalBrain.Web.Components.Layout;

namespace DigitalBrain.Tests.Components;

public sealed class UserMenuTests : MudComponentTest
{
    [Fact]
    public void An_anonymous_visitor_is_offered_log_in_and_register()
    {
        AddAuthorization().SetNotAuthorized();

        var cut = RenderInteractiveWithPopovers<UserMenu>();

        var links = cut.FindAll("a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();
        Assert.Equal([("Log in", "/account/login"), ("Register", "/account/register")], links);
        Assert.Empty(cut.FindAll("form"));
    }

    [Fact]
    public void A_signed_in_user_sees_their_display_name_and_a_log_out_form_that_posts()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("ada@example.org");
        auth.SetClaims(new Claim(AppClaims.DisplayName, "Ada Researcher"));

        var cut = RenderInteractiveWithPopovers<UserMenu>();
        var button = cut.Find("button");
        Assert.Contains("Ada Researcher", button.TextContent, StringComparison.Ordinal);

        button.Click();
        Assert.Equal("Ada Researcher", cut.WaitForElement("[data-testid=user-menu-name]").TextContent.Trim());
        var form = cut.Find("form");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("account/logout", form.GetAttribute("action"));
        Assert.Empty(cut.FindAll(".mud-chip"));
    }

    [Fact]
    public void An_admin_is_marked_as_such_in_the_menu()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("root@example.org");
        auth.SetClaims(new Claim(AppClaims.DisplayName, "Root"));
        auth.SetRoles(AppRoles.Admin);

        var cut = RenderInteractiveWithPopovers<UserMenu>();
        cut.Find("button").Click();

        Assert.Equal("admin", cut.WaitForElement(".mud-chip").TextContent.Trim());
    }

    [Fact]
    public void Without_a_display_name_the_menu_falls_back_to_the_account_name()
    {
        AddAuthorization().SetAuthorized("plain@example.org");

        var cut = RenderInteractiveWithPopovers<UserMenu>();

        Assert.Contains("plain@example.org", cut.Find("button").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void On_a_statically_rendered_page_the_name_and_log_out_button_are_shown_without_a_menu()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("ada@example.org");
        auth.SetClaims(new Claim(AppClaims.DisplayName, "Ada Researcher"));

        var cut = RenderStatic<UserMenu>();

        Assert.Equal("Ada Researcher", cut.Find("[data-testid=user-menu-name]").TextContent.Trim());
        Assert.NotNull(cut.Find("form button[data-testid=logout]"));
    }
}
