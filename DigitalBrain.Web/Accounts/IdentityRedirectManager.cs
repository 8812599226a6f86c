using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Components;

namespace DigitalBrain.Web.Accounts;

/// <summary>Redirects from the statically rendered account pages, refusing anything that is not a
/// path inside this app (an open redirect through <c>?ReturnUrl=</c> is a phishing tool).</summary>
public sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    [DoesNotReturn]
    public void RedirectTo(string? uri)
    {
        // During static rendering NavigateTo ends the response with a redirect; anywhere else
        // this is a programming error.
        navigationManager.NavigateTo(LocalPath(uri, navigationManager.BaseUri));
        throw new InvalidOperationException($"{nameof(IdentityRedirectManager)} can only be used during static rendering.");
    }

    /// <summary>The base-relative path <paramref name="uri"/> names inside this app, or "" (home)
    /// when it points anywhere else: another host, a protocol-relative <c>//host</c>, or another
    /// scheme such as <c>javascript:</c>.</summary>
    public static string LocalPath(string? uri, string baseUri)
    {
        if (string.IsNullOrWhiteSpace(uri))
            return "";
        if (uri.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || uri.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            return uri.StartsWith(baseUri, StringComparison.OrdinalIgnoreCase) ? uri[baseUri.Length..] : "";
        if (uri.StartsWith("//", StringComparison.Ordinal) || uri.StartsWith("/\\", StringComparison.Ordinal) || uri.StartsWith('\\'))
            return "";
        var path = uri.TrimStart('/');
        var firstColon = path.IndexOf(':', StringComparison.Ordinal);
        var firstSlash = path.IndexOf('/', StringComparison.Ordinal);
        if (firstColon >= 0 && (firstSlash < 0 || firstColon < firstSlash))
            return "";
        return path;
    }
}
