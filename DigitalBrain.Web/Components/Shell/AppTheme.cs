using MudBlazor;

namespace DigitalBrain.Web.Components.Shell;

/// <summary>A quiet, high-contrast palette: data and numbers carry the colour, chrome does not.</summary>
public static class AppTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5f8b",
            Secondary = "#7a4fa3",
            Tertiary = "#2a9d8f",
            AppbarBackground = "#0f2e47",
            AppbarText = "#f3f6f9",
            Background = "#f6f8fa",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "#24313d",
            TextPrimary = "#1b2631",
            TextSecondary = "#51606e",
            LinesDefault = "#dde3e9",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#6fb3e0",
            Secondary = "#b899d8",
            Tertiary = "#5cc4b6",
            AppbarBackground = "#101820",
            AppbarText = "#e6edf3",
            Background = "#0d1117",
            Surface = "#161b22",
            DrawerBackground = "#11161d",
            DrawerText = "#c9d1d9",
            TextPrimary = "#e6edf3",
            TextSecondary = "#9aa7b4",
            LinesDefault = "#30363d",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Inter", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px" },
    };
}
