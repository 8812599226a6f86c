using DigitalBrain.Core.Catalogue;
using DigitalBrain.Core.Curation;

namespace DigitalBrain.Web.Components.Curation;

/// <summary>Where a (target, parameter) is curated: the population or projection page opened on
/// that parameter's tab. Regions have no curation page of their own, so they lead to the structure.</summary>
public static class TargetLinks
{
    public static string Href(Guid modelId, EstimateTarget target, string? parameterKey = null)
    {
        var query = string.IsNullOrEmpty(parameterKey) ? "" : $"?parameter={Uri.EscapeDataString(parameterKey)}";
        return target.Kind switch
        {
            TargetKinds.Population => $"/models/{modelId}/populations/{target.Id}{query}",
            TargetKinds.Projection => $"/models/{modelId}/projections/{target.Id}{query}",
            _ => $"/models/{modelId}/structure",
        };
    }
}
