using AngleSharp.Dom;
using Bunit;
using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Notes;
using DigitalBrain.Web.Components.Curation;
using static DigitalBrain.Tests.Components.Curation.CurationViews;

namespace DigitalBrain.Tests.Components.Curation;

/// <summary>Issue 11, point 3: hostile Markdown and imported text render inert wherever users' text is shown.</summary>
public sealed class StoredXssTests : MudComponentTest
{
    public static readonly TheoryData<string> Payloads =
    [
        "<script>alert('xss')</script>",
        "[click me](javascript:alert('xss'))",
        "[click me](JaVaScRiPt:alert('xss'))",
        "[click me](&#106;avascript:alert('xss'))",
        "<javascript:alert('xss')>",
        "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![pixel](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "<img src=x onerror=\"alert('xss')\">",
        "<a href=\"#\" onclick=\"alert('xss')\">x</a>",
        "<svg onload=alert('xss')></svg>",
        "<iframe src=\"javascript:alert('xss')\"></iframe>",
        "[x](https://example.org \"t\" onmouseover=alert('xss'))",
    ];

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Markdown_notes_render_without_scripts_handlers_or_unsafe_links(string payload)
    {
        var cut = RenderInteractive<MarkdownView>(p => p.Add(x => x.Markdown, "before " + payload + " after"));

        AssertInert(cut.Find("[data-testid=markdown]"));
        Assert.Contains("before", cut.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Entry_notes_in_the_grid_render_inert(string payload)
    {
        var entry = Entry(1.5) with { Notes = payload };

        var cut = RenderInteractive<EntriesGrid>(p => p.Add(x => x.Entries, [entry]));

        AssertInert(cut.Find("[data-testid=entry-notes]"));
    }

    [Fact]
    public void A_note_thread_with_hostile_notes_renders_inert()
    {
        var notes = Payloads.Select(p => new NoteView(Guid.NewGuid(), ModelId, Target, "psp_amplitude", p.Data, "u2", "Mallory",
            DateTimeOffset.UnixEpoch, null)).ToList();

        var cut = RenderInteractive<NotesThread>(p => p.Add(x => x.Notes, notes).Add(x => x.Role, ModelRole.Viewer));

        Assert.Equal(notes.Count, cut.FindAll("[data-testid=note]").Count);
        AssertInert(cut.Find("[data-testid=notes-thread]"));
    }

    [Fact]
    public void Imported_citation_text_is_shown_as_text_not_markup()
    {
        const string title = "<script>alert('bib')</script><img src=x onerror=alert(1)> Cortex";
        var entry = Entry(2.0) with { Reference = new ReferenceView(Guid.NewGuid(), null, null, title) };

        var cut = RenderInteractive<EntriesGrid>(p => p.Add(x => x.Entries, [entry]));

        AssertInert(cut.Find("[data-testid=entries-grid]"));
        Assert.Contains(title, cut.Find("[data-testid=entry-row]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Safe_markdown_keeps_its_formatting_and_links_open_without_an_opener()
    {
        var cut = RenderInteractive<MarkdownView>(p => p.Add(x => x.Markdown, "**bold** and [NEST](https://nest-simulator.org) and <https://doi.org/10.1093/cercor/bhs358>"));

        Assert.Equal("bold", cut.Find("strong").TextContent);
        var links = cut.FindAll("a");
        Assert.Equal(["https://nest-simulator.org", "https://doi.org/10.1093/cercor/bhs358"], links.Select(a => a.GetAttribute("href")));
        Assert.All(links, a => Assert.Equal("noopener noreferrer nofollow", a.GetAttribute("rel")));
        Assert.All(links, a => Assert.Equal("_blank", a.GetAttribute("target")));
    }

    private static readonly string[] ActiveElements = ["script", "img", "iframe", "svg", "object", "embed", "style", "form", "math", "base", "link", "meta"];

    /// <summary>No element that runs or loads anything, no event handler, and every URL http(s) or mailto.</summary>
    private static void AssertInert(IElement root)
    {
        foreach (var element in root.QuerySelectorAll("*").Prepend(root))
        {
            Assert.DoesNotContain(element.LocalName, ActiveElements);
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"event handler {attribute.Name} on <{element.LocalName}>");
                if (attribute.Name is "href" or "src" or "action" or "formaction" or "xlink:href")
                {
                    var value = attribute.Value.Trim();
                    Assert.True(value.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                                || value.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase),
                        $"unsafe {attribute.Name}=\"{value}\" on <{element.LocalName}>");
                }
            }
        }
    }
}
