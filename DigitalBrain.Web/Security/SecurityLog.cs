namespace DigitalBrain.Web.Security;

/// <summary>Security-relevant events, all under the category <c>DigitalBrain.Security</c> with a
/// stable <see cref="EventId"/> (4000–4099) so that a log pipeline can alert on them by id rather
/// than by message text. Never logs a password or a token's secret.</summary>
public static partial class SecurityLog
{
    public const string Category = "DigitalBrain.Security";

    [LoggerMessage(EventId = 4001, EventName = "LoginSucceeded", Level = LogLevel.Information,
        Message = "Login succeeded for {UserName} from {RemoteIp}")]
    public static partial void LoginSucceeded(ILogger logger, string userName, string? remoteIp);

    [LoggerMessage(EventId = 4002, EventName = "LoginFailed", Level = LogLevel.Warning,
        Message = "Login failed for {UserName} from {RemoteIp}")]
    public static partial void LoginFailed(ILogger logger, string userName, string? remoteIp);

    [LoggerMessage(EventId = 4003, EventName = "AccountLockedOut", Level = LogLevel.Warning,
        Message = "Account {UserName} is locked out (login attempt from {RemoteIp})")]
    public static partial void LockedOut(ILogger logger, string userName, string? remoteIp);

    [LoggerMessage(EventId = 4004, EventName = "Logout", Level = LogLevel.Information,
        Message = "User {UserId} logged out")]
    public static partial void LoggedOut(ILogger logger, string userId);

    [LoggerMessage(EventId = 4010, EventName = "GlobalRoleGranted", Level = LogLevel.Warning,
        Message = "User {UserName} was granted the global role {Role}")]
    public static partial void GlobalRoleGranted(ILogger logger, string userName, string role);

    [LoggerMessage(EventId = 4020, EventName = "ApiTokenCreated", Level = LogLevel.Information,
        Message = "User {UserId} created API token {TokenId} ({TokenName})")]
    public static partial void TokenCreated(ILogger logger, string userId, Guid tokenId, string tokenName);

    [LoggerMessage(EventId = 4021, EventName = "ApiTokenRevoked", Level = LogLevel.Information,
        Message = "User {UserId} revoked API token {TokenId}")]
    public static partial void TokenRevoked(ILogger logger, string userId, Guid tokenId);

    [LoggerMessage(EventId = 4022, EventName = "ApiTokenUsed", Level = LogLevel.Information,
        Message = "API token of user {UserId} used for {Method} {Path} from {RemoteIp}")]
    public static partial void TokenUsed(ILogger logger, string userId, string method, string path, string? remoteIp);

    [LoggerMessage(EventId = 4023, EventName = "ApiTokenRejected", Level = LogLevel.Warning,
        Message = "An unknown, revoked or expired API token was sent for {Method} {Path} from {RemoteIp}")]
    public static partial void TokenRejected(ILogger logger, string method, string path, string? remoteIp);

    [LoggerMessage(EventId = 4030, EventName = "RateLimited", Level = LogLevel.Warning,
        Message = "Rate limit {Policy} refused {Method} {Path} from {RemoteIp}")]
    public static partial void RateLimited(ILogger logger, string policy, string method, string path, string? remoteIp);

    [LoggerMessage(EventId = 4040, EventName = "UnhandledException", Level = LogLevel.Error,
        Message = "Unhandled exception for {Method} {Path} (trace {TraceId})")]
    public static partial void Unhandled(ILogger logger, Exception exception, string method, string path, string traceId);
}
