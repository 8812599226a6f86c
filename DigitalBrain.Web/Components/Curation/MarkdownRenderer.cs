using AngleSharp.Dom;
using Ganss.Xss;
using Markdig;

namespace DigitalBrain.Web.Components.Curation;

/// <summary>
/// Turns user Markdown (notes, entry notes) into HTML that is safe to inject. Markdig's
/// <c>DisableHtml</c> escapes raw HTML, but link targets still pass through, so
/// <c>[x](javascript:…)</c> would stay live; the sanitizer afterwards keeps only http(s) and
/// mailto links, drops event handlers, styles and images (no data: or tracking URLs), and opens
/// links in a new tab without an opener.
/// </summary>
public static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UsePipeTables()
        .UseEmphasisExtras()
        .Build();

    // Configured once, then only read: HtmlSanitizer's Sanitize is safe to call concurrently.
    private static readonly HtmlSanitizer Sanitizer = Create();

    public static string ToSafeHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
            return "";
        return Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));
    }

    private static HtmlSanitizer Create()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto" })
            sanitizer.AllowedSchemes.Add(scheme);
        foreach (var tag in new[] { "img", "form", "input", "button", "textarea", "select", "option", "style" })
            sanitizer.AllowedTags.Remove(tag);
        foreach (var attribute in new[] { "style", "class", "id", "src", "srcset", "action", "formaction" })
            sanitizer.AllowedAttributes.Remove(attribute);
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement { TagName: "A" } link)
            {
                link.SetAttribute("target", "_blank");
                link.SetAttribute("rel", "noopener noreferrer nofollow");
            }
        };
        return sanitizer;
    }
}
