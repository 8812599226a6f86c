namespace DigitalBrain.Core.Infrastructure;

/// <summary>Fills what an empty database needs on first start (catalogue, demo content, first
/// admin). Every implementation is idempotent: a second start changes nothing.</summary>
public interface IStartupSeeder
{
    Task SeedAsync(CancellationToken ct);
}
