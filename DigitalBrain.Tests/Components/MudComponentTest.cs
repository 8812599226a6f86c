using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor.Services;

namespace DigitalBrain.Tests.Components;

/// <summary>A bUnit context with MudBlazor's services and loose JS interop (MudBlazor calls JS on
/// first render; tests that care assert on <see cref="BunitContext.JSInterop"/>). Register test
/// doubles (e.g. <c>AddAuthorization()</c>) first, then render as the app would: interactive
/// server, or static (the account pages, and every page's prerender).</summary>
public abstract class MudComponentTest : BunitContext
{
    protected MudComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    protected IRenderedComponent<T> RenderInteractive<T>(Action<ComponentParameterCollectionBuilder<T>>? parameters = null)
        where T : IComponent
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Render(parameters ?? (_ => { }));
    }

    /// <summary>Renders <typeparamref name="T"/> beside a popover provider, as the layout does, so
    /// that menus and tooltips have somewhere to open.</summary>
    protected IRenderedComponent<Bunit.Rendering.ContainerFragment> RenderInteractiveWithPopovers<T>()
        where T : IComponent
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Render(builder =>
        {
            builder.OpenComponent<MudBlazor.MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<T>(1);
            builder.CloseComponent();
        });
    }

    protected IRenderedComponent<T> RenderStatic<T>(Action<ComponentParameterCollectionBuilder<T>>? parameters = null)
        where T : IComponent
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        return Render(parameters ?? (_ => { }));
    }
}
