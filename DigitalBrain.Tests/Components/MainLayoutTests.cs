using Bunit;
using DigitalBrain.Web.Components.Layout;
using DigitalBrain.Web.Components.Shell;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Extensions;

namespace DigitalBrain.Tests.Components;

public sealed class MainLayoutTests : MudComponentTest
{
    public MainLayoutTests() => AddAuthorization();

    [Fact]
    public void The_dark_mode_toggle_switches_the_theme_and_stores_the_choice_each_way()
    {
        var cut = RenderLayout(initialDark: false);
        var theme = cut.FindComponent<MudThemeProvider>();
        Assert.False(theme.Instance.GetState(x => x.IsDarkMode));

        cut.Find("button[data-testid=dark-mode-toggle]").Click();
        Assert.True(theme.Instance.GetState(x => x.IsDarkMode));
        Assert.Equal("Switch to light mode", cut.Find("button[data-testid=dark-mode-toggle]").GetAttribute("aria-label"));

        cut.Find("button[data-testid=dark-mode-toggle]").Click();
        Assert.False(theme.Instance.GetState(x => x.IsDarkMode));

        var stored = JSInterop.Invocations["digitalBrainTheme.set"].Select(i => Assert.IsType<bool>(Assert.Single(i.Arguments))).ToList();
        Assert.Equal([true, false], stored);
    }

    [Fact]
    public void The_layout_starts_in_the_theme_the_request_cookie_chose()
    {
        var cut = RenderLayout(initialDark: true);

        Assert.True(cut.FindComponent<MudThemeProvider>().Instance.GetState(x => x.IsDarkMode));
        Assert.Equal("Switch to light mode", cut.Find("button[data-testid=dark-mode-toggle]").GetAttribute("aria-label"));
        Assert.Empty(JSInterop.Invocations["digitalBrainTheme.set"]);
    }

    [Fact]
    public void On_a_statically_rendered_page_the_toggle_is_a_plain_button_that_stores_and_reloads()
    {
        var cut = RenderLayout(initialDark: false, interactive: false);

        var toggle = cut.Find("button[data-testid=dark-mode-toggle]");
        // theme.js wires [data-theme-toggle] to toggleAndReload: an inline onclick would be blocked by the CSP.
        Assert.True(toggle.HasAttribute("data-theme-toggle"));
        Assert.Null(toggle.GetAttribute("onclick"));
        Assert.Equal("Switch to dark mode", toggle.GetAttribute("aria-label"));
    }

    [Fact]
    public void The_layout_renders_the_page_body_and_only_links_to_pages_that_exist()
    {
        var cut = RenderLayout(initialDark: false);

        Assert.Contains("page body", cut.Find(".mud-main-content").TextContent, StringComparison.Ordinal);
        var navTargets = cut.FindAll(".mud-navmenu a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/", "/account/login", "/account/register"], navTargets);
    }

    private IRenderedComponent<MainLayout> RenderLayout(bool initialDark, bool interactive = true)
    {
        Action<ComponentParameterCollectionBuilder<MainLayout>> parameters = builder => builder
            .Add(p => p.Body, (RenderFragment)(body => body.AddContent(0, "page body")))
            .AddCascadingValue(ThemePreference.CascadingName, initialDark);
        return interactive ? RenderInteractive(parameters) : RenderStatic(parameters);
    }
}
