using DigitalBrain.Core.Data;
using DigitalBrain.Core.Models;

namespace DigitalBrain.Tests.Runs;

internal static class TestModels
{
    /// <summary>A bare model row for tests that need only something to hang versions and runs on.</summary>
    public static async Task<Guid> CreateModelAsync(AppDbContext db)
    {
        var model = new BrainModel { Id = Guid.NewGuid(), Name = "run test model", CreatedAt = DateTimeOffset.UtcNow };
        db.BrainModels.Add(model);
        await db.SaveChangesAsync();
        return model.Id;
    }
}
