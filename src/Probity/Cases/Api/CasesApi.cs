using Probity.Cases.Contracts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Web;
using Probity.Kernel;

namespace Probity.Cases.Api;

/// <summary>
/// JSON API over the same handlers the pages use. Cookie-authenticated, so every change needs the antiforgery
/// token (header X-CSRF-TOKEN, from GET /api/antiforgery) exactly like a form post.
/// </summary>
internal static class CasesApi
{
    public static void MapCasesApi(this IEndpointRouteBuilder app)
    {
        // A refused call names the case asked for on the trail (ADR 0027).
        var api = app.MapGroup("/api").RequireAuthorization(Policies.ReadCases).WithMetadata(new TrailTarget("case"));
        app.MapGet("/api/antiforgery", (IAntiforgery af, HttpContext ctx) => Results.Ok(new { token = af.GetAndStoreTokens(ctx).RequestToken, header = "X-CSRF-TOKEN" }))
            .RequireAuthorization();

        api.MapGet("/cases", async (HttpRequest request, SearchCases.SearchCasesHandler search, CancellationToken ct) =>
        {
            var q = request.Query;
            var filter = new Contracts.CaseFilter
            {
                Q = q["q"], Unit = q["unit"], Officer = q["officer"], Category = q["category"], Route = q["route"], Status = q["status"], Type = q["type"],
                Overdue = bool.TryParse(q["overdue"], out var overdue) && overdue,
                Page = int.TryParse(q["page"], out var page) ? page : 1,
            };
            var result = await search.HandleAsync(filter, ct);
            return Results.Ok(new
            {
                result.Total, result.Page, result.Pages,
                // Age, due date and overdue are null for a case whose stored dates lie outside the working-day calendar; warnings say which.
                cases = result.Rows.Select(r => new { r.Id, type = r.CaseType, receivedOn = r.ReceivedOn, route = r.HandlingRoute, handlingUnit = r.HandlingUnit, location = r.Location, status = r.Status, ageWorkingDays = r.Clock?.AgeWorkingDays, dueOn = r.Clock?.DueOn, overdue = r.Clock?.Overdue }),
                warnings = Warnings(CaseDates.ForClocks(result.Rows.Where(r => r.Clock is null).Select(r => (r.Id, r.ReceivedOn, r.FinalisedOn)))),
            });
        });

        api.MapGet("/cases/{id}", async (string id, ViewCase.ViewCaseHandler view, CancellationToken ct) =>
        {
            var v = await view.HandleAsync(id, ct);
            var c = v.Case;
            return Results.Ok(new
            {
                c.Id, type = c.CaseType, regime = v.Rulebook.Regime, c.ReceivedOn, c.RecordedOn, c.Source, c.LocationUnitId, c.HandlingUnitId,
                route = c.HandlingRoute, c.RouteDecidedOn, c.FinalisedOn, c.Summary, status = v.Status, version = c.Version,
                ageWorkingDays = v.Clock?.AgeWorkingDays, targetWorkingDays = v.Clock?.TargetWorkingDays, dueOn = v.Clock?.DueOn, overdue = v.Clock?.Overdue,
                allegations = c.Allegations.Select(a => new { a.Id, a.StaffId, a.Category, a.Finding, a.FinalisedOn }),
                sanctions = c.Sanctions.Select(s => new { s.StaffId, s.Outcome, s.DecidedOn }),
                appeals = c.Appeals.Select(a => new { a.Id, type = a.AppealType, a.LodgedOn, a.DecidedOn, a.Upheld, a.HearingId, a.StaffId, a.SubstitutedOutcome }),
                severities = v.Severities.Select(x => new { x.StaffId, x.Severity, x.AssessedOn, x.AssessedBy, x.Rationale, inForce = v.CurrentSeverity[x.StaffId].Id == x.Id }),
                hearings = v.Hearings.Select(h => new { h.Id, h.Kind, h.StaffId, h.HeldOn, panel = h.Panel.Select(p => new { p.StaffId, p.Role }), h.Attendance, h.Outcome, h.OutcomeOn }),
                reflectivePractice = v.ReflectiveReviews.Select(r => new { r.Id, r.StaffId, r.StartedOn, r.Reflection, r.ReflectionOn, r.CompletedOn, r.CompletionNote }),
                timeline = v.Timeline,
                report = c.Report is { } r ? new { r.State, r.Summary, r.DocumentId, r.SubmittedBy, r.SubmittedAt, r.Submissions, r.DecidedBy, r.DecidedAt, r.Comments } : null,
                // Claims, tribunals and grievances (ADR 0024): money in pence, always pounds sterling.
                litigation = c.Litigation is { } l ? new
                {
                    currency = LitigationRules.Currency, amountClaimedPence = l.AmountClaimedPence, l.Representation, l.Representative,
                    headsOfClaim = l.HeadsOfClaim?.Split(','), l.GrievanceStage, l.Liability, l.LiabilityDecidedOn, l.LiabilityDecidedBy,
                    hearings = l.Hearings.OrderBy(h => h.HearingOn).Select(h => new { h.HearingOn, h.Kind }),
                    l.Outcome, l.OutcomeOn, settlementPence = l.SettlementPence, damagesPence = l.DamagesPence, ownCostsPence = l.OwnCostsPence,
                    claimantCostsPence = l.ClaimantCostsPence, totalCostPence = l.TotalCostPence,
                } : null,
                warnings = Warnings(v.DateWarnings),
            });
        });

        var edit = api.MapGroup("").RequireAuthorization(Policies.EditCases).WithMetadata(new RequireAntiforgeryTokenAttribute());
        edit.MapPost("/cases", async ([FromBody] Contracts.NewCase cmd, RecordCase.RecordCaseHandler record, CancellationToken ct) =>
        {
            var id = await record.HandleAsync(cmd, ct);
            return Results.Created($"/api/cases/{id}", new { id });
        });
        edit.MapPost("/cases/{id}/route", async (string id, [FromBody] RouteBody body, DecideHandlingRoute.DecideHandlingRouteHandler decide, CancellationToken ct) =>
        {
            if (!Vocabulary.HandlingRoutes.Contains(body.Route ?? ""))
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["route"] = [$"'{body.Route}' is not a handling route."] });
            await decide.HandleAsync(new(id, body.Version, body.Route!, body.DecidedOn, body.Reason), ct);
            return Results.NoContent();
        });
        edit.MapPost("/cases/{id}/intake", async (string id, [FromBody] IntakeBody body, CorrectIntake.CorrectIntakeHandler correct, CancellationToken ct) =>
        {
            await correct.HandleAsync(new(id, body.Version, body.Type, body.ReceivedOn, body.RecordedOn, body.Source, body.LocationUnitId, body.Summary, body.Reason), ct);
            return Results.NoContent();
        });
        // The investigation report's sign-off and finalisation (ADR 0022): the same handlers and refusals as the pages (422, 409).
        edit.MapPost("/cases/{id}/report", async (string id, [FromBody] ReportBody body, InvestigationReport.InvestigationReportHandler reports, CancellationToken ct) =>
        {
            await reports.SubmitAsync(new(id, body.Version, body.Summary, body.DocumentId), ct);
            return Results.NoContent();
        });
        edit.MapPost("/cases/{id}/report/decision", async (string id, [FromBody] ReportDecisionBody body, InvestigationReport.InvestigationReportHandler reports, CancellationToken ct) =>
        {
            var approve = body.Decision switch
            {
                "approve" => true,
                "return" => false,
                _ => throw new ActionRefusedException($"decision: '{body.Decision}' is not a decision on a report; give approve or return."),
            };
            await reports.DecideAsync(new(id, body.Version, approve, body.Comments), ct);
            return Results.NoContent();
        });
        MapConductApi(edit);
        // Claims, tribunals and grievances (ADR 0024): amounts are pounds (a JSON number or text), currency GBP or left out; a bad one is 422 naming its field.
        edit.MapPost("/cases/{id}/claim", async (string id, [FromBody] ClaimBody body, Litigation.LitigationHandler litigation, CancellationToken ct) =>
        {
            Litigation.LitigationMoney.RequireCurrency(body.Currency);
            await litigation.RecordClaimAsync(new(id, body.Version, Litigation.LitigationMoney.FromJson(body.AmountClaimed, "amountClaimed"), body.Representation,
                body.Representative, body.HeadsOfClaim, body.GrievanceStage, body.Reason), ct);
            return Results.NoContent();
        });
        edit.MapPost("/cases/{id}/liability", async (string id, [FromBody] LiabilityBody body, Litigation.LitigationHandler litigation, CancellationToken ct) =>
        {
            await litigation.DecideLiabilityAsync(new(id, body.Version, body.Liability, body.DecidedOn, body.DecidedBy, body.Reason), ct);
            return Results.NoContent();
        });
        edit.MapPost("/cases/{id}/claim/hearings", async (string id, [FromBody] ClaimHearingBody body, Litigation.LitigationHandler litigation, CancellationToken ct) =>
        {
            await litigation.ListHearingAsync(new(id, body.Version, body.HearingOn, body.Kind), ct);
            return Results.NoContent();
        });
        edit.MapPost("/cases/{id}/grievance-stage", async (string id, [FromBody] StageBody body, Litigation.LitigationHandler litigation, CancellationToken ct) =>
        {
            await litigation.MoveStageAsync(new(id, body.Version, body.Stage, body.On, body.Reason), ct);
            return Results.NoContent();
        });
        edit.MapPost("/cases/{id}/litigation-outcome", async (string id, [FromBody] OutcomeBody body, Litigation.LitigationHandler litigation, CancellationToken ct) =>
        {
            Litigation.LitigationMoney.RequireCurrency(body.Currency);
            await litigation.RecordOutcomeAsync(new(id, body.Version, body.Outcome, body.On,
                Litigation.LitigationMoney.FromJson(body.Settlement, "settlement"), Litigation.LitigationMoney.FromJson(body.Damages, "damages"),
                Litigation.LitigationMoney.FromJson(body.OwnCosts, "ownCosts"), Litigation.LitigationMoney.FromJson(body.ClaimantCosts, "claimantCosts"), body.Reason), ct);
            return Results.NoContent();
        });
        edit.MapPost("/cases/{id}/finalise", async (string id, [FromBody] FinaliseBody body, FinaliseCase.FinaliseCaseHandler finalise, CancellationToken ct) =>
        {
            await finalise.HandleAsync(new(id, body.Version, body.FinalisedOn, body.Reason), ct);
            return Results.NoContent();
        });
    }

    private static void MapConductApi(RouteGroupBuilder edit)
    {
        // Severity, meetings and hearings, Police Appeals Tribunal appeals and reflective practice (ADR 0023): the pages' handlers and refusals (422, 409).
        edit.MapPost("/cases/{id}/severity", async (string id, [FromBody] SeverityBody body, AssessSeverity.AssessSeverityHandler assess, CancellationToken ct) =>
        {
            await assess.HandleAsync(new(id, body.Version, body.StaffId, body.Severity, body.AssessedOn, body.Rationale), ct);
            return Results.NoContent();
        });
        // Local handling by the borough (ADR 0026): refused (422) for gross misconduct, naming the officer and why.
        edit.MapPost("/cases/{id}/local-handling", async (string id, [FromBody] LocalHandlingBody body, HandleLocally.HandleLocallyHandler local, CancellationToken ct) =>
        {
            await local.HandleAsync(new(id, body.Version, body.On, body.Reason), ct);
            return Results.NoContent();
        });
        // A document attached in error (ADR 0033): a senior manager's, with the reason; its content is erased.
        edit.MapPost("/cases/{id}/documents/{document:long}/removal", async (string id, long document, [FromBody] RemoveDocumentBody body, RemoveDocument.RemoveDocumentHandler remove, CancellationToken ct) =>
        {
            await remove.HandleAsync(new(id, body.Version, document, body.Reason), ct);
            return Results.NoContent();
        }).RequireAuthorization(Policies.RemoveCaseDocuments);
        // Need-to-know for a script as for the page: restrict to named people (sign-in name, name or warrant number) and
        // "team:" names; the caller is always kept on the list. Investigators and senior managers, as on the page.
        edit.MapPost("/cases/{id}/restriction", async (string id, [FromBody] RestrictionBody body, RestrictCase.RestrictCaseHandler restrict, CancellationToken ct) =>
        {
            await restrict.HandleAsync(new(id, body.Version, body.Principals ?? [], body.Reason ?? ""), ct);
            return Results.NoContent();
        }).RequireAuthorization(Policies.RestrictCases);
        edit.MapPost("/cases/{id}/hearings", async (string id, [FromBody] HearingBody body, ConductHearings.ConductHearingsHandler hearings, CancellationToken ct) =>
        {
            var hearingId = await hearings.ArrangeAsync(new(id, body.Version, body.StaffId, body.Kind, body.HeldOn, body.Chair, string.Join('\n', body.Members ?? [])), ct);
            return Results.Created($"/api/cases/{id}", new { id = hearingId });
        });
        edit.MapPost("/cases/{id}/hearings/{hearingId}/outcome", async (string id, string hearingId, [FromBody] HearingOutcomeBody body, ConductHearings.ConductHearingsHandler hearings, CancellationToken ct) =>
        {
            await hearings.RecordOutcomeAsync(new(id, body.Version, hearingId, body.Attendance, body.Outcome, body.DecidedOn, body.Reason), ct);
            return Results.NoContent();
        });
        edit.MapPost("/cases/{id}/appeals", async (string id, [FromBody] AppealBody body, LodgeAppeal.LodgeAppealHandler lodge, CancellationToken ct) =>
        {
            var appealId = await lodge.HandleAsync(new(id, body.Version, body.Type ?? "", body.LodgedOn, body.HearingId), ct);
            return Results.Created($"/api/cases/{id}", new { id = appealId });
        });
        edit.MapPost("/cases/{id}/appeals/{appealId}/decision", async (string id, string appealId, [FromBody] AppealDecisionBody body, DecideAppeal.DecideAppealHandler decide, CancellationToken ct) =>
        {
            await decide.HandleAsync(new(id, body.Version, appealId, body.Upheld, body.DecidedOn, body.Reason, body.SubstitutedOutcome), ct);
            return Results.NoContent();
        });
        edit.MapPost("/cases/{id}/reflective-practice", async (string id, [FromBody] ReflectiveStartBody body, ReflectivePractice.ReflectivePracticeHandler rprp, CancellationToken ct) =>
        {
            var reviewId = await rprp.StartAsync(new(id, body.Version, body.StaffId, body.StartedOn), ct);
            return Results.Created($"/api/cases/{id}", new { id = reviewId });
        });
        edit.MapPost("/cases/{id}/reflective-practice/{reviewId}/reflection", async (string id, string reviewId, [FromBody] ReflectionBody body, ReflectivePractice.ReflectivePracticeHandler rprp, CancellationToken ct) =>
        {
            await rprp.ReflectAsync(new(id, body.Version, reviewId, body.Reflection, body.RecordedOn), ct);
            return Results.NoContent();
        });
        edit.MapPost("/cases/{id}/reflective-practice/{reviewId}/completion", async (string id, string reviewId, [FromBody] ReflectiveCompleteBody body, ReflectivePractice.ReflectivePracticeHandler rprp, CancellationToken ct) =>
        {
            await rprp.CompleteAsync(new(id, body.Version, reviewId, body.CompletedOn, body.Note), ct);
            return Results.NoContent();
        });
    }

    internal sealed record LocalHandlingBody(Guid Version, DateOnly On, string? Reason);

    internal sealed record RemoveDocumentBody(Guid Version, string? Reason);
    internal sealed record RestrictionBody(Guid Version, IReadOnlyList<string>? Principals, string? Reason);
    internal sealed record SeverityBody(Guid Version, string? StaffId, string? Severity, DateOnly AssessedOn, string? Rationale);

    /// <param name="Chair">The chair's name; <paramref name="Members"/> the other members' names.</param>
    internal sealed record HearingBody(Guid Version, string? StaffId, string? Kind, DateOnly HeldOn, string? Chair, IReadOnlyList<string>? Members);

    internal sealed record HearingOutcomeBody(Guid Version, string? Attendance, string? Outcome, DateOnly DecidedOn, string? Reason);

    /// <param name="HearingId">For an appeal to the Police Appeals Tribunal: the hearing whose outcome is appealed.</param>
    internal sealed record AppealBody(Guid Version, string? Type, DateOnly LodgedOn, string? HearingId);

    /// <param name="SubstitutedOutcome">Police Appeals Tribunal, upheld: the lesser outcome put in place of the hearing's; absent to set it aside.</param>
    internal sealed record AppealDecisionBody(Guid Version, bool Upheld, DateOnly DecidedOn, string? Reason, string? SubstitutedOutcome = null);

    internal sealed record ReflectiveStartBody(Guid Version, string? StaffId, DateOnly StartedOn);

    internal sealed record ReflectionBody(Guid Version, string? Reflection, DateOnly RecordedOn);

    internal sealed record ReflectiveCompleteBody(Guid Version, DateOnly CompletedOn, string? Note);

    private static IEnumerable<object> Warnings(IEnumerable<CaseDateWarning> warnings) =>
        warnings.Select(w => new { caseId = w.CaseId, field = w.What, value = w.Value, message = w.Message });

    internal sealed record ClaimBody(Guid Version, System.Text.Json.JsonElement? AmountClaimed, string? Currency, string? Representation, string? Representative,
        IReadOnlyList<string>? HeadsOfClaim, string? GrievanceStage, string? Reason);

    internal sealed record LiabilityBody(Guid Version, string? Liability, DateOnly? DecidedOn, string? DecidedBy, string? Reason);

    internal sealed record ClaimHearingBody(Guid Version, DateOnly? HearingOn, string? Kind);

    internal sealed record StageBody(Guid Version, string? Stage, DateOnly? On, string? Reason);

    /// <param name="Damages">Damages, the tribunal's award, or a grievance's compensation.</param>
    internal sealed record OutcomeBody(Guid Version, string? Outcome, DateOnly? On, System.Text.Json.JsonElement? Settlement, System.Text.Json.JsonElement? Damages,
        System.Text.Json.JsonElement? OwnCosts, System.Text.Json.JsonElement? ClaimantCosts, string? Currency, string? Reason);

    internal sealed record ReportBody(Guid Version, string? Summary, long? DocumentId);

    /// <param name="Decision">approve or return (a return needs comments).</param>
    internal sealed record ReportDecisionBody(Guid Version, string? Decision, string? Comments);

    internal sealed record FinaliseBody(Guid Version, DateOnly FinalisedOn, string? Reason);

    internal sealed record RouteBody(Guid Version, string? Route, DateOnly DecidedOn, string? Reason);

    /// <summary>The intake as it should be (send every field, as GET /api/cases/{id} gives them), with the reason for the correction.</summary>
    internal sealed record IntakeBody(Guid Version, string? Type, DateOnly ReceivedOn, DateOnly? RecordedOn, string? Source, string? LocationUnitId, string? Summary, string? Reason);
}
