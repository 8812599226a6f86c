namespace DigitalBrain.Core.Models;

/// <summary>The thing does not exist, or the actor may not know it exists (a private model).</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>The actor can see the thing but lacks the role for this action.</summary>
public sealed class AccessDeniedException(string message) : Exception(message);
