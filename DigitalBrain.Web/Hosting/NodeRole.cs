namespace DigitalBrain.Web.Hosting;

/// <summary>What this process does: serve the UI and API, run simulation jobs, or both.</summary>
public enum NodeRole
{
    All,
    Web,
    Worker,
}

public static class NodeRoleConfiguration
{
    public static NodeRole Read(IConfiguration configuration)
    {
        var text = configuration["DigitalBrain:Role"];
        if (string.IsNullOrWhiteSpace(text))
            return NodeRole.All;
        return Enum.TryParse<NodeRole>(text, ignoreCase: true, out var role)
            ? role
            : throw new InvalidOperationException($"DigitalBrain:Role must be one of all, web, worker (was '{text}').");
    }
}
