using Microsoft.AspNetCore.Antiforgery;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Web;
using Probity.Risk.Contracts;

namespace Probity.Risk.Concerns;

/// <summary>
/// JSON API for the register's edits, over the handler the pages use: a stale version is 409, a refusal (a bad date
/// included) 422, an entry the reader may not know of 404 (the host's error mapping). Needs the antiforgery header.
/// </summary>
internal static class ConcernsApi
{
    internal sealed record ReviewBody(Guid Version, string? Findings, string? NextReviewOn);

    internal sealed record CloseBody(Guid Version, string? Reason);

    public static void MapConcernsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/risk/concerns").RequireAuthorization(Policies.ManagePersonsOfConcern).WithMetadata(new RequireAntiforgeryTokenAttribute())
            .WithMetadata(new TrailTarget("person_of_concern"));
        api.MapPost("/{id}/review", async (string id, ReviewBody body, ConcernRegister register, CancellationToken ct) =>
        {
            await register.ReviewAsync(id, body.Version, body.Findings ?? "", ConcernRegister.ParseDate(body.NextReviewOn, "the next review date"), ct);
            return Results.NoContent();
        });
        api.MapPost("/{id}/close", async (string id, CloseBody body, ConcernRegister register, CancellationToken ct) =>
        {
            await register.CloseAsync(id, body.Version, body.Reason ?? "", ct);
            return Results.NoContent();
        });
    }
}
