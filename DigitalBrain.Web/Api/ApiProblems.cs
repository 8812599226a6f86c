using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Validation;
using DigitalBrain.Core.Versions;

namespace DigitalBrain.Web.Api;

/// <summary>Turns the services' exceptions into RFC 7807 problem details: 404 (missing, or a
/// private model the caller may not know of), 403 (visible but the role is too low), 400 naming
/// every field and rule, 409 with the entry as it is now, 422 listing what a model still lacks.</summary>
internal sealed class ApiExceptionFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (NotFoundException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: ex.Message);
        }
        catch (AccessDeniedException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: ex.Message);
        }
        catch (ValidationException ex)
        {
            return ApiProblems.Validation(ex.Errors);
        }
        catch (ConcurrencyConflictException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: ex.Message,
                extensions: new Dictionary<string, object?> { ["current"] = ex.Current });
        }
        catch (CompilationException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The model cannot be compiled", detail: ex.Message,
                extensions: new Dictionary<string, object?> { ["missing"] = ex.Missing });
        }
    }
}

internal static class ApiProblems
{
    /// <summary>400 with <c>errors</c> (field → messages, as ASP.NET Core's validation problems) and
    /// <c>rules</c> (field, rule id, message) for clients that react to rule ids.</summary>
    public static IResult Validation(IReadOnlyList<ValidationError> errors, IDictionary<string, object?>? more = null)
    {
        var extensions = new Dictionary<string, object?>(more ?? new Dictionary<string, object?>()) { ["rules"] = errors };
        return Results.ValidationProblem(
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            title: "The input breaks one or more rules; nothing was written.", extensions: extensions);
    }
}
