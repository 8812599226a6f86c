namespace DigitalBrain.Web.Components.Shell;

/// <summary>The dark/light choice lives in a cookie (written by wwwroot/js/theme.js) rather than
/// localStorage, so that the server renders the right palette on the first byte and statically
/// rendered pages, which run no .NET code in the browser, honour it too.</summary>
public static class ThemePreference
{
    public const string CookieName = "digitalbrain-theme";
    public const string CascadingName = "DarkMode";

    public static bool IsDark(HttpRequest request) =>
        string.Equals(request.Cookies[CookieName], "dark", StringComparison.Ordinal);
}
