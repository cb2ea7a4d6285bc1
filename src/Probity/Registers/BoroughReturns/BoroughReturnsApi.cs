using Microsoft.AspNetCore.Antiforgery;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Web;

namespace Probity.Registers.BoroughReturns;

/// <summary>
/// JSON API for boroughs' monthly returns over the handler the page uses: a refusal is 422, a stale or duplicate return
/// 409, a return the reader may not see 404 (the host's error mapping). Writes need the antiforgery header. The upload
/// takes the CSV as the body (text/csv), its file name in <c>X-File-Name</c> for the errors.
/// </summary>
internal static class BoroughReturnsApi
{
    internal sealed record ReturnBody(string? Borough, int? Year, int? Month, int? WrittenWarnings, int? FinalWrittenWarnings, int? ManagementAdvice, Guid? Version);

    public static IEndpointRouteBuilder MapBoroughReturnsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/borough-returns").RequireAuthorization(Policies.BoroughReturns).WithMetadata(new TrailTarget("borough_return"));
        api.MapGet("", async (BoroughReturnsHandler returns, CancellationToken ct) =>
        {
            var v = await returns.OverviewAsync(ct);
            return Results.Ok(new
            {
                year = v.Year, month = v.Month, notSent = v.NotSent.Select(b => b.Id),
                returns = v.Returns.Select(r => new { r.Id, borough = r.BoroughUnitId, r.Year, r.Month, r.WrittenWarnings, r.FinalWrittenWarnings, r.ManagementAdvice, r.SentBy, r.SentAt, r.SentThrough, r.Version }),
            });
        });
        api.MapGet("/{id:long}", async (long id, BoroughReturnsHandler returns, CancellationToken ct) =>
        {
            var r = await returns.GetAsync(id, ct);
            return Results.Ok(new { r.Id, borough = r.BoroughUnitId, r.Year, r.Month, r.WrittenWarnings, r.FinalWrittenWarnings, r.ManagementAdvice, r.SentBy, r.SentAt, r.SentThrough, r.Version });
        });
        var write = api.MapGroup("").WithMetadata(new RequireAntiforgeryTokenAttribute());
        write.MapPost("", async (ReturnBody body, BoroughReturnsHandler returns, CancellationToken ct) =>
        {
            var r = await returns.SendAsync(body.Borough, body.Year, body.Month, new(body.WrittenWarnings, body.FinalWrittenWarnings, body.ManagementAdvice), body.Version, ct);
            return body.Version is null ? Results.Created($"/api/borough-returns/{r.Id}", new { r.Id, r.Version }) : Results.Ok(new { r.Id, r.Version });
        });
        write.MapPost("/upload", async (HttpRequest request, BoroughReturnsHandler returns, CancellationToken ct) =>
        {
            using var reader = new StreamReader(request.Body, Infrastructure.Csv.Utf8);
            var written = await returns.UploadAsync(request.Headers["X-File-Name"].ToString(), reader, ct);
            return Results.Ok(new { written });
        });
        return app;
    }
}
