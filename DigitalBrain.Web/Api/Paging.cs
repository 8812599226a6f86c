using DigitalBrain.Core.Validation;

namespace DigitalBrain.Web.Api;

/// <summary>One page of a list, with the total so clients know how many pages there are.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

/// <summary><c>?page=</c> (from 1) and <c>?pageSize=</c> (1–500, default 100) on every list.</summary>
public static class Paging
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 500;

    public static PagedList<T> Of<T>(IReadOnlyList<T> all, int? page, int? pageSize)
    {
        var errors = new List<ValidationError>();
        if (page is < 1)
            errors.Add(new("page", "range", "page counts from 1."));
        if (pageSize is < 1 or > MaxPageSize)
            errors.Add(new("pageSize", "range", $"pageSize must lie in [1, {MaxPageSize}]."));
        ValidationException.ThrowIfAny(errors);
        var (p, size) = (page ?? 1, pageSize ?? DefaultPageSize);
        return new PagedList<T>(all.Skip((int)Math.Min(int.MaxValue, (long)(p - 1) * size)).Take(size).ToList(), p, size, all.Count);
    }
}

public sealed record CreatedId(Guid Id);
