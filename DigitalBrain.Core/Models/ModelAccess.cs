using DigitalBrain.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Core.Models;

/// <summary>The one place that decides what an actor may do in a model.</summary>
internal static class ModelAccess
{
    /// <summary>The actor's effective role: admins act as owners, anyone may view a public model,
    /// and a non-member of a private model gets null (the model does not exist for them).</summary>
    public static async Task<ModelRole?> RoleAsync(AppDbContext db, Guid modelId, Actor actor, CancellationToken ct)
    {
        var model = await db.BrainModels.AsNoTracking()
            .Where(m => m.Id == modelId)
            .Select(m => new { m.IsPublic, Role = m.Members.Where(x => x.UserId == actor.UserId).Select(x => (ModelRole?)x.Role).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        if (model is null)
            return null;
        if (actor.IsAdmin)
            return ModelRole.Owner;
        return model.Role ?? (model.IsPublic ? ModelRole.Viewer : null);
    }

    /// <summary>Throws <see cref="NotFoundException"/> when the actor cannot see the model and
    /// <see cref="AccessDeniedException"/> when they see it but their role is below <paramref name="minimum"/>.</summary>
    public static async Task<ModelRole> RequireAsync(AppDbContext db, Guid modelId, Actor actor, ModelRole minimum, CancellationToken ct)
    {
        var role = await RoleAsync(db, modelId, actor, ct) ?? throw new NotFoundException($"Model {modelId} not found.");
        if (role < minimum)
            throw new AccessDeniedException($"This needs the {minimum.ToString().ToLowerInvariant()} role in the model; you are {role.ToString().ToLowerInvariant()}.");
        return role;
    }
}
