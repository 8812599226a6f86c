using Bunit;
using DigitalBrain.Core.Curation;

using DigitalBrain.Tests.Components;
using DigitalBrain.Tests.Infrastructure;
using DigitalBrain.Web.Components.Curation;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalBrain.Tests.Runs;

/// <summary>A typed, unsaved entry survives a dropped circuit: the form keeps a draft in the tab's
/// sessionStorage and a new circuit (reconnect after eviction, reload) restores it with a notice.</summary>
public sealed class EntryDraftTests : MudComponentTest
{
    private static readonly Guid Model = Guid.NewGuid();
    private static readonly EstimateTarget Target = EstimateTarget.ForPopulation(Guid.NewGuid());

    public EntryDraftTests()
    {
        Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        Services.AddScoped<ProtectedSessionStorage>();
        // Never reached: these tests do not save.
        Services.AddSingleton(new EntryService(PostgresFixture.CreateFactory("Host=127.0.0.1;Port=1;Database=none")));
        AddAuthorization();
    }

    [Fact]
    public async Task A_typed_entry_is_restored_with_a_notice_in_a_new_circuit()
    {
        var first = RenderForm();
        Input(first, "entry-value-input").Change("12.5");
        Input(first, "entry-doi").Change("10.1000/draft.1");
        var key = EntryDraft.Key(Model, Target, "tau_m", null);
        var saved = JSInterop.Invocations.Where(i => i.Identifier == "sessionStorage.setItem" && (string?)i.Arguments[0] == key).ToList();
        Assert.NotEmpty(saved);
        Assert.DoesNotContain("12.5", (string)saved[^1].Arguments[1]!, StringComparison.Ordinal); // stored encrypted
        await DisposeComponentsAsync(); // the circuit is gone; the browser tab and its sessionStorage stay
        JSInterop.Setup<string?>("sessionStorage.getItem", key).SetResult((string?)saved[^1].Arguments[1]);

        var second = RenderForm();

        second.WaitForAssertion(() => Assert.Equal("12.5", Input(second, "entry-value-input").GetAttribute("value")));
        Assert.Equal("10.1000/draft.1", Input(second, "entry-doi").GetAttribute("value"));
        Assert.Contains("did not save", second.Find("[data-testid=entry-draft-restored]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void An_untouched_form_stores_nothing_and_restores_nothing()
    {
        var cut = RenderForm();

        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier == "sessionStorage.setItem");
        Assert.Empty(cut.FindAll("[data-testid=entry-draft-restored]"));
        Assert.Equal("", Input(cut, "entry-value-input").GetAttribute("value") ?? "");
    }

    [Fact]
    public void Another_parameter_gets_an_empty_form_and_coming_back_restores_what_was_typed()
    {
        var cut = RenderForm();
        Input(cut, "entry-value-input").Change("12.5");
        var tauKey = EntryDraft.Key(Model, Target, "tau_m", null);
        var stored = JSInterop.Invocations.Last(i => i.Identifier == "sessionStorage.setItem" && (string?)i.Arguments[0] == tauKey);
        JSInterop.Setup<string?>("sessionStorage.getItem", tauKey).SetResult((string?)stored.Arguments[1]);

        cut.Render(p => p.Add(x => x.ParameterKey, "neuron_count").Add(x => x.Unit, "neurons"));

        Assert.Equal("", Input(cut, "entry-value-input").GetAttribute("value") ?? "");
        Assert.Contains("Value (neurons)", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=entry-draft-restored]"));
        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier == "sessionStorage.setItem"
                                                          && (string?)i.Arguments[0] == EntryDraft.Key(Model, Target, "neuron_count", null));

        cut.Render(p => p.Add(x => x.ParameterKey, "tau_m").Add(x => x.Unit, "ms"));

        cut.WaitForAssertion(() => Assert.Equal("12.5", Input(cut, "entry-value-input").GetAttribute("value")));
        Assert.NotEmpty(cut.FindAll("[data-testid=entry-draft-restored]"));
    }

    private IRenderedComponent<EntryForm> RenderForm() => RenderInteractive<EntryForm>(p => p
        .Add(x => x.ModelId, Model).Add(x => x.Target, Target).Add(x => x.ParameterKey, "tau_m").Add(x => x.Unit, "ms"));

    private static AngleSharp.Dom.IElement Input(IRenderedComponent<EntryForm> cut, string testId)
    {
        var element = cut.Find($"[data-testid={testId}]");
        return element.TagName == "INPUT" ? element : element.QuerySelector("input")!;
    }
}
