using DigitalBrain.Core.Data;
using DigitalBrain.Core.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DigitalBrain.Core.Models;

public sealed record BrainModelInput(string Name, string Description = "", bool IsPublic = false);

/// <summary><paramref name="MyRole"/> is the actor's effective role (admins: owner).</summary>
public sealed record BrainModelView(Guid Id, string Name, string Description, bool IsPublic, bool IsDemo, DateTimeOffset CreatedAt, ModelRole MyRole);

public sealed record MemberView(string UserId, string UserName, string DisplayName, ModelRole Role);

/// <summary>Creating, listing and changing models, and who may do what in them.</summary>
/// <remarks>Membership changes are security events: logged under <c>DigitalBrain.Security</c> with
/// event id 4011 (granted or changed) and 4012 (removed).</remarks>
public sealed partial class BrainModelService(IDbContextFactory<AppDbContext> factory, ILoggerFactory? loggers = null)
{
    private readonly ILogger _security = (loggers ?? NullLoggerFactory.Instance).CreateLogger("DigitalBrain.Security");

    [LoggerMessage(EventId = 4011, EventName = "ModelRoleChanged", Level = LogLevel.Warning,
        Message = "User {ActorId} set the role of {UserId} in model {ModelId} to {Role} (was {Previous})")]
    private static partial void RoleChanged(ILogger logger, string actorId, string userId, Guid modelId, ModelRole role, string previous);

    [LoggerMessage(EventId = 4012, EventName = "ModelMemberRemoved", Level = LogLevel.Warning,
        Message = "User {ActorId} removed {UserId} (role {Previous}) from model {ModelId}")]
    private static partial void MemberRemoved(ILogger logger, string actorId, string userId, ModelRole previous, Guid modelId);

    /// <summary>Models the actor can see: their own memberships and public models (admins: all).</summary>
    public async Task<IReadOnlyList<BrainModelView>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.BrainModels.AsNoTracking()
            .Select(m => new { Model = m, Role = m.Members.Where(x => x.UserId == actor.UserId).Select(x => (ModelRole?)x.Role).FirstOrDefault() })
            .Where(x => actor.IsAdmin || x.Model.IsPublic || x.Role != null)
            .OrderBy(x => x.Model.Name)
            .ToListAsync(ct);
        return rows.Select(x => View(x.Model, actor.IsAdmin ? ModelRole.Owner : x.Role ?? ModelRole.Viewer)).ToList();
    }

    public async Task<BrainModelView> GetAsync(Actor actor, Guid modelId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var role = await ModelAccess.RequireAsync(db, modelId, actor, ModelRole.Viewer, ct);
        return View(await db.BrainModels.AsNoTracking().SingleAsync(m => m.Id == modelId, ct), role);
    }

    /// <summary>Any signed-in user may create a model; they become its owner.</summary>
    public async Task<BrainModelView> CreateAsync(Actor actor, BrainModelInput input, CancellationToken ct = default)
    {
        ValidationException.ThrowIfAny(Validate(input));
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = DateTimeOffset.UtcNow;
        var model = new BrainModel { Id = Guid.NewGuid(), Name = input.Name.Trim(), Description = input.Description, IsPublic = input.IsPublic, CreatedAt = now };
        model.Members.Add(new ModelMember { ModelId = model.Id, UserId = actor.UserId, Role = ModelRole.Owner, AddedAt = now });
        db.BrainModels.Add(model);
        await db.SaveChangesAsync(ct);
        return View(model, ModelRole.Owner);
    }

    public async Task<BrainModelView> UpdateAsync(Actor actor, Guid modelId, BrainModelInput input, CancellationToken ct = default)
    {
        ValidationException.ThrowIfAny(Validate(input));
        await using var db = await factory.CreateDbContextAsync(ct);
        var role = await ModelAccess.RequireAsync(db, modelId, actor, ModelRole.Owner, ct);
        var model = await db.BrainModels.SingleAsync(m => m.Id == modelId, ct);
        model.Name = input.Name.Trim();
        model.Description = input.Description;
        model.IsPublic = input.IsPublic;
        await db.SaveChangesAsync(ct);
        return View(model, role);
    }

    /// <summary>Deletes the model with everything in it (structure, entries, estimates, audit).</summary>
    public async Task DeleteAsync(Actor actor, Guid modelId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await ModelAccess.RequireAsync(db, modelId, actor, ModelRole.Owner, ct);
        await db.BrainModels.Where(m => m.Id == modelId).ExecuteDeleteAsync(ct);
    }

    public async Task<IReadOnlyList<MemberView>> ListMembersAsync(Actor actor, Guid modelId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await ModelAccess.RequireAsync(db, modelId, actor, ModelRole.Viewer, ct);
        return await db.ModelMembers.AsNoTracking()
            .Where(m => m.ModelId == modelId)
            .OrderByDescending(m => m.Role).ThenBy(m => m.User!.UserName)
            .Select(m => new MemberView(m.UserId, m.User!.UserName ?? "", m.User.DisplayName, m.Role))
            .ToListAsync(ct);
    }

    /// <summary>Owner: adds a member or changes their role. A model always keeps one owner.</summary>
    public async Task SetMemberAsync(Actor actor, Guid modelId, string userId, ModelRole role, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(role))
            throw new ValidationException([new("role", "enum", "role must be viewer, curator or owner.")]);
        await using var db = await factory.CreateDbContextAsync(ct);
        await ModelAccess.RequireAsync(db, modelId, actor, ModelRole.Owner, ct);
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct))
            throw new ValidationException([new("userId", "unknown-user", "There is no such user.")]);
        var member = await db.ModelMembers.SingleOrDefaultAsync(m => m.ModelId == modelId && m.UserId == userId, ct);
        var previous = member?.Role.ToString() ?? "none";
        if (member is null)
        {
            db.ModelMembers.Add(new ModelMember { ModelId = modelId, UserId = userId, Role = role, AddedAt = DateTimeOffset.UtcNow });
        }
        else
        {
            if (member.Role == ModelRole.Owner && role != ModelRole.Owner)
                await EnsureAnotherOwnerAsync(db, modelId, userId, ct);
            member.Role = role;
        }
        await db.SaveChangesAsync(ct);
        RoleChanged(_security, actor.UserId, userId, modelId, role, previous);
    }

    /// <summary>The id of the user whose user name or e-mail is <paramref name="nameOrEmail"/> (case-insensitive), or null.</summary>
    public async Task<string?> FindUserIdAsync(string nameOrEmail, CancellationToken ct = default)
    {
        var normalised = nameOrEmail.Trim().ToUpperInvariant();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking()
            .Where(u => u.NormalizedUserName == normalised || u.NormalizedEmail == normalised)
            .Select(u => u.Id).FirstOrDefaultAsync(ct);
    }

    public async Task RemoveMemberAsync(Actor actor, Guid modelId, string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await ModelAccess.RequireAsync(db, modelId, actor, ModelRole.Owner, ct);
        var member = await db.ModelMembers.SingleOrDefaultAsync(m => m.ModelId == modelId && m.UserId == userId, ct)
                     ?? throw new NotFoundException("That user is not a member of the model.");
        if (member.Role == ModelRole.Owner)
            await EnsureAnotherOwnerAsync(db, modelId, userId, ct);
        db.ModelMembers.Remove(member);
        await db.SaveChangesAsync(ct);
        MemberRemoved(_security, actor.UserId, userId, member.Role, modelId);
    }

    private static async Task EnsureAnotherOwnerAsync(AppDbContext db, Guid modelId, string userId, CancellationToken ct)
    {
        if (!await db.ModelMembers.AnyAsync(m => m.ModelId == modelId && m.UserId != userId && m.Role == ModelRole.Owner, ct))
            throw new ValidationException([new("role", "last-owner", "A model needs at least one owner; make someone else owner first.")]);
    }

    private static List<ValidationError> Validate(BrainModelInput input)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(input.Name))
            errors.Add(new("name", "required", "A model needs a name."));
        else if (input.Name.Trim().Length > 200)
            errors.Add(new("name", "max-length", "name is limited to 200 characters."));
        if (input.Description.Length > 20_000)
            errors.Add(new("description", "max-length", "description is limited to 20000 characters."));
        return errors;
    }

    private static BrainModelView View(BrainModel m, ModelRole role) => new(m.Id, m.Name, m.Description, m.IsPublic, m.SeedKey is not null, m.CreatedAt, role);
}
