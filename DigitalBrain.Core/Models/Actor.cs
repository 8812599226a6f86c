namespace DigitalBrain.Core.Models;

/// <summary>Who is acting: every service method takes one and checks the roles itself.</summary>
public sealed record Actor(string UserId, bool IsAdmin = false);
