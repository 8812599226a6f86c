using DigitalBrain.Core.Accounts;

namespace DigitalBrain.Core.Models;

/// <summary>Roles inside one model, ordered so that a higher role includes the lower ones.</summary>
public enum ModelRole
{
    Viewer = 1,
    Curator = 2,
    Owner = 3,
}

public sealed class ModelMember
{
    public Guid ModelId { get; set; }
    public string UserId { get; set; } = "";
    public ModelRole Role { get; set; }
    public DateTimeOffset AddedAt { get; set; }
    public AppUser? User { get; set; }
}
