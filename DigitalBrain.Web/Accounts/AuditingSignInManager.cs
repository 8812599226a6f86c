using System.Security.Claims;
using DigitalBrain.Core.Accounts;
using DigitalBrain.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DigitalBrain.Web.Accounts;

/// <summary>Identity's sign-in manager that also writes every log-in outcome and log-out as a
/// security event: the one place all password sign-ins pass, whatever page starts them.</summary>
public sealed class AuditingSignInManager(
    UserManager<AppUser> userManager, IHttpContextAccessor contextAccessor, IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor, ILogger<SignInManager<AppUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation, ILoggerFactory loggers)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private readonly ILogger _security = loggers.CreateLogger(SecurityLog.Category);

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var result = await base.PasswordSignInAsync(userName, password, isPersistent, lockoutOnFailure);
        var ip = Context.Connection.RemoteIpAddress?.ToString();
        if (result.Succeeded)
            SecurityLog.LoginSucceeded(_security, userName, ip);
        else if (result.IsLockedOut)
            SecurityLog.LockedOut(_security, userName, ip);
        else
            SecurityLog.LoginFailed(_security, userName, ip);
        return result;
    }

    public override async Task SignOutAsync()
    {
        var userId = Context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        await base.SignOutAsync();
        if (userId is not null)
            SecurityLog.LoggedOut(_security, userId);
    }
}
