namespace Probity.Cases.Contracts;

/// <summary>How another module selects or counts cases (the home page's tiles, export by selection), always as the
/// reader may see them: the same filters as the case list.</summary>
internal interface ICaseSearch
{
    /// <summary>How many cases match, as the reader may see them; not audited (callers record what they show).</summary>
    Task<int> CountAsync(CaseFilter f, CancellationToken ct);

    /// <summary>Narrows a query of cases the reader may see to those matching the filter.</summary>
    IQueryable<Case> Apply(IQueryable<Case> query, CaseFilter f, DateOnly today);
}

/// <summary>The case list's filters.</summary>
internal sealed class CaseFilter
{
    public string? Q { get; set; }
    public string? Unit { get; set; }
    public string? Officer { get; set; }
    public string? Category { get; set; }
    public string? Route { get; set; }
    public string? Status { get; set; }
    public string? Type { get; set; }
    public bool Overdue { get; set; }
    public int Page { get; set; } = 1;

    public override string ToString() => string.Join(' ', new[]
    {
        Q is null ? null : $"q={Q}", Unit is null ? null : $"unit={Unit}", Officer is null ? null : $"officer={Officer}",
        Category is null ? null : $"category={Category}", Route is null ? null : $"route={Route}", Status is null ? null : $"status={Status}",
        Type is null ? null : $"type={Type}", Overdue ? "overdue" : null, $"page={Page}",
    }.Where(s => s is not null));
}
