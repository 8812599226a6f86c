namespace DigitalBrain.Core.Models;

/// <summary>A collaborative model: its structure, entries and estimates belong to it.</summary>
public sealed class BrainModel
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    /// <summary>Public models are readable by every signed-in user; private ones only by members.</summary>
    public bool IsPublic { get; set; }
    /// <summary>Set for demo models the seeder owns, so a second start recognises them.</summary>
    public string? SeedKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<ModelMember> Members { get; set; } = [];
}
