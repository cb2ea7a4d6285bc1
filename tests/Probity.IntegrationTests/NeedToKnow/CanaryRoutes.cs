using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Probity.IntegrationTests.NeedToKnow;

/// <summary>Who is asking, and the jobs they (and the grantee) started, for filling in a route's parameters.</summary>
internal sealed record SweepContext(CanaryForce Force, string Reader, IReadOnlyDictionary<string, string> ReportJobs)
{
    /// <summary>The reader's own report job, and the grantee's (which nobody else may open).</summary>
    public IEnumerable<string> ReportJobsToTry =>
        new[] { ReportJobs.GetValueOrDefault(Reader), ReportJobs.GetValueOrDefault(CanaryForce.Grantee) }.OfType<string>().Distinct();
}

/// <summary>
/// How each GET route is pointed at the canaries: the value of every route parameter and the query strings that
/// exercise its filters. The table is explicit on purpose: a route, a route parameter, a query input bound on GET or a
/// GET page handler that it does not name fails <c>Every_GET_route_and_input_has_a_canary_check</c>, so a new route
/// cannot ship without being swept.
/// </summary>
internal sealed partial record RouteCheck(string Template, IReadOnlyDictionary<string, Func<SweepContext, IEnumerable<string>>> Parameters, Func<SweepContext, IEnumerable<string>> Queries)
{
    public IEnumerable<string> Urls(SweepContext c)
    {
        IEnumerable<string> paths = [Template];
        foreach (var (name, values) in Parameters)
        {
            var chosen = values(c).ToList();
            paths = paths.SelectMany(p => chosen.Select(v => Fill(p, name, v))).ToList();
        }
        var queries = Queries(c).Distinct().ToList();
        return paths.SelectMany(p => queries.Select(q => q.Length == 0 ? p : p + "?" + q)).Distinct();
    }

    /// <summary>Every query input the table exercises on this route (names, case-insensitive).</summary>
    public IReadOnlySet<string> QueryInputs(SweepContext c) =>
        Queries(c).SelectMany(q => q.Split('&', StringSplitOptions.RemoveEmptyEntries)).Select(p => p.Split('=')[0])
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static string Fill(string path, string name, string value) =>
        Regex.Replace(path, @"/\{" + Regex.Escape(name) + @"(?::[^}?]*)?\??\}", value.Length == 0 ? "" : "/" + Uri.EscapeDataString(value));
}

internal static class CanaryRoutes
{
    private static readonly IReadOnlyDictionary<string, Func<SweepContext, IEnumerable<string>>> NoParameters = new Dictionary<string, Func<SweepContext, IEnumerable<string>>>();

    private static RouteCheck Route(string template, params string[] queries) => new(template, NoParameters, _ => queries.Length == 0 ? [""] : queries);

    private static RouteCheck Route(string template, Func<SweepContext, IEnumerable<string>> queries) => new(template, NoParameters, queries);

    private static RouteCheck Route(string template, IReadOnlyDictionary<string, Func<SweepContext, IEnumerable<string>>> parameters, Func<SweepContext, IEnumerable<string>>? queries = null) =>
        new(template, parameters, queries ?? (_ => [""]));

    private static IEnumerable<string> CanaryCases(SweepContext c) =>
        [c.Force.OldCase, c.Force.NewCase, c.Force.MonitoringCase, c.Force.ClaimCase, c.Force.LiveCase, c.Force.SelfCase];

    /// <summary>The case list's filters, on the page and the API alike: each aimed at the canaries, alone and combined.</summary>
    private static IEnumerable<string> CaseFilters(SweepContext c)
    {
        var f = c.Force;
        return
        [
            "", "status=live", "status=live&overdue=true", "overdue=true", "status=in_hand", "status=recorded", "status=finalised", "status=live&page=2",
            $"officer={f.Subject}", $"officer={f.Subject}&status=live", $"officer={f.SelfStaff}", $"officer={f.LiveSubject}", $"officer={f.LiveSubject}&status=live&overdue=true",
            "category=corrupt_practice", "category=corrupt_practice&status=live", "category=theft&status=live", "category=incivility&status=live&overdue=true",
            "category=improper_use_of_it_systems", "category=improper_use_of_it_systems&type=conduct_matter&status=live",
            "category=improper_disclosure_of_information&status=live",
            $"unit={f.Unit}", $"unit={f.Unit}&status=live&overdue=true", $"unit={f.DirectorateUnit}&status=live", $"unit={f.DemoBorough}&status=live", $"unit={f.DemoHandlingUnit}&status=in_hand&overdue=true",
            "type=conduct_matter&status=live", "type=public_complaint&status=live&overdue=true", "route=local_investigation&status=in_hand", "route=local_resolution&status=live",
            $"q={f.OldCase}", $"q={f.NewCase}", $"q={f.MonitoringCase}", $"q={f.LiveCase}", $"q={f.SelfCase}", $"q={f.Marker}", $"q={f.OldSummary}", $"q={f.SelfSummary}", "q=PRB-",
            $"officer={f.Subject}&category=corrupt_practice&unit={f.Unit}&route=local_investigation&type=conduct_matter&status=in_hand&overdue=false&page=1",
        ];
    }

    private static string Iso(DateOnly d) => CanaryForce.Iso(d);

    public static readonly IReadOnlyList<RouteCheck> Table =
    [
        // First: the administrator's trail, before the sweep's own searches are written to it.
        Route("/admin/trail", c => ["", $"target=case:{c.Force.OldCase}", $"target=case:{c.Force.SelfCase}", $"actor={CanaryForce.Grantee}", "actor=handler", "act=not_found", "act=view&before=1000000"]),
        Route("/"),
        Route("/account/sign-in", c => ["", $"ReturnUrl=/cases/{c.Force.OldCase}"]),
        Route("/account/denied"),
        Route("/account/sign-out"),
        Route("/account/two-factor"),
        Route("/account/enrol"),
        Route("/account/new-password"),
        Route("/account/password"),
        // User administration shows accounts, never case content: the self-subject and the grantee's accounts are there.
        Route("/admin/users"),
        Route("/admin/users/{name}", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["name"] = _ => [CanaryForce.Grantee, CanaryForce.SelfUser, "analyst"] }),
        Route("/error/{code:int}", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["code"] = _ => ["404", "403", "500"] }),
        Route("/api/antiforgery"),
        Route("/cases", CaseFilters),
        Route("/api/cases", CaseFilters),
        Route("/cases/{id}", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = CanaryCases }),
        Route("/api/cases/{id}", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = CanaryCases }),
        // Each case operation's page shows the case's facts to those who may perform it: swept like the case page.
        Route("/cases/{id}/route", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = CanaryCases }),
        Route("/cases/{id}/allocate", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = CanaryCases }),
        Route("/cases/{id}/finding", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = CanaryCases }),
        Route("/cases/{id}/outcome", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = CanaryCases }),
        Route("/cases/{id}/lodge-appeal", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = CanaryCases }),
        Route("/cases/{id}/decide-appeal", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = CanaryCases }),
        Route("/cases/{id}/decision", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = CanaryCases }),
        Route("/cases/{id}/finalise", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = CanaryCases }),
        Route("/cases/{id}/correct-intake", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = CanaryCases }),
        Route("/cases/{id}/restrict", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = CanaryCases }),
        Route("/cases/{id}/assign", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = CanaryCases }),
        Route("/cases/{id}/allegations", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = CanaryCases }),
        Route("/cases/{id}/related", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = CanaryCases }),
        Route("/cases/{id}/contacts", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = CanaryCases }),
        Route("/cases/{id}/local-handling", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = CanaryCases }),
        // The investigation report and its sign-off (ADR 0022): the report's text is the case's, shown to whoever may open the case.
        Route("/cases/{id}/report", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = CanaryCases }),
        Route("/cases/{id}/sign-off", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = CanaryCases }),
        // A claim's, tribunal's or grievance's lifecycle and money (ADR 0024): the case's, to whoever may edit it.
        Route("/cases/{id}/claim", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = CanaryCases }),
        Route("/cases/{id}/recorded-in-error", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = CanaryCases }),
        // Severity, meetings and hearings, reflective practice (ADR 0023): the case's facts and its officers' proceedings.
        Route("/cases/{id}/severity", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = CanaryCases }),
        Route("/cases/{id}/hearing", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = CanaryCases }),
        Route("/cases/{id}/reflective-practice", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = CanaryCases }),
        // Documents and letters: the restricted canary's letters name its complainant, asked for through every canary case.
        Route("/cases/{id}/attach", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = CanaryCases }),
        Route("/cases/{id}/letter", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = CanaryCases }),
        Route("/cases/{id}/documents/{document:long}", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = CanaryCases, ["document"] = c => c.Force.Documents }),
        // Removing a document attached in error (ADR 0033): its page names the document, to a senior manager who may open the case.
        Route("/cases/{id}/documents/{document:long}/remove", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = CanaryCases, ["document"] = c => c.Force.Documents }),
        Route("/letters/templates"),
        Route("/letters/templates/{name}", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["name"] = _ => ["acknowledgement", "outcome_2020", "no_such_letter"] }),
        // Caseloads: the restricted canary names an investigator and a senior manager who lost it when it was restricted.
        Route("/caseload"),
        Route("/cases/new"),
        // The registers (Registers): the self-subject's interest by id and in their unit's list; the vetting register of the
        // canaries' units lists the self-subject (never to themselves) and the restricted cases' subject.
        Route("/registers"),
        Route("/registers/interests", c => ["", "show=all", "show=awaiting", $"unit={Uri.EscapeDataString("Canary Hill OCU")}&show=all", $"unit={c.Force.StaffUnit}", "show=continuing", "show=review_due", "show=overdue", "show=refused", "unit=No%20Such%20Unit"]),
        Route("/registers/interests/{id}", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = c => [c.Force.SelfInterest, "BI-000000000000"] }),
        Route("/registers/vetting", c => ["", "show=all", $"unit={Uri.EscapeDataString("Canary Hill OCU")}&show=all", $"unit={Uri.EscapeDataString("Canary Vale")}&show=all", $"unit={c.Force.StaffUnit}&show=family", "show=lapsed", "show=renewal_due", "show=none"]),
        // Organisational learning and the risk registers: a recommendation from a restricted case and a risk quoting one.
        Route("/registers/learning", c => ["", "show=all", "show=overdue", "show=closed", "source=investigation", $"unit={Uri.EscapeDataString("Canary Vale")}&show=all", "unit=No%20Such%20Unit"]),
        Route("/registers/learning/themes", c => ["", $"unit={Uri.EscapeDataString("Canary Vale")}"]),
        Route("/registers/learning/{id}", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = c => [c.Force.LearningItem, "LR-000000000000"] }),
        Route("/registers/risks", c => ["", "show=all", "level=borough", "level=corporate", "show=review_overdue", $"unit={Uri.EscapeDataString("Canary Vale")}&show=all"]),
        Route("/registers/risks/{id}", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = c => [c.Force.RiskItem, "RR-000000000000"] }),
        // Oversight dip samples (drawn by the oversight member) and the Service Confidence record about the self-subject.
        Route("/registers/dip-samples"),
        Route("/registers/dip-samples/{id}", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = c => [c.Force.DipSample, "DS-000000000000"] }, _ => ["", "check=true"]),
        Route("/registers/service-confidence", c => ["", "show=all", "show=overdue", "show=closed", $"unit={c.Force.StaffUnit}&show=all", "unit=No%20Such%20Unit"]),
        Route("/registers/service-confidence/{id}", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = c => [c.Force.SelfConfidence, "SC-000000000000"] }),
        // The support programme: the canary borough's complaints are all restricted, so its pack (page and PDF) counts none
        // and names nobody; the demo borough's pack holds the self-subject's case. A gold group quoting restricted cases.
        Route("/registers/support"),
        Route("/registers/support/{unit}", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["unit"] = c => [c.Force.Unit, c.Force.DemoBorough, "no-such-unit"] }),
        Route("/registers/support/{unit}/pdf", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["unit"] = c => [c.Force.Unit, c.Force.DemoBorough] }),
        Route("/registers/gold", "", "show=sitting", "show=closed", "show=all", "show=nonsense"),
        Route("/registers/gold/{id}", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = c => [c.Force.GoldItem, "GG-000000000000"] }),
        Route("/registers/gold/{id}/foi", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = c => [c.Force.GoldItem, "GG-000000000000"] }),
        Route("/registers/gold/{id}/foi/pdf", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = c => [c.Force.GoldItem] }),
        // The strategy board pack counts from the shared view: the restricted canaries are in no figure and no list, in any month.
        Route("/registers/board-pack", "", "month=2010-12", "month=2010-06", "month=nonsense"),
        Route("/registers/board-pack/pdf", "", "month=2010-12"),
        Route("/registers/resources", "", "year=2010", "year=1999"),
        // Boroughs' monthly returns (ADR 0026): a borough champion reads their own borough's only; ids 1-3 are the demo force's first returns.
        Route("/registers/borough-returns", "", "edit=1", "edit=2", "edit=3", "edit=999999"),
        Route("/api/borough-returns/"),
        Route("/api/borough-returns/{id:long}", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = _ => ["1", "2", "3", "999999"] }),
        // The marker is in every planted officer's name, so q={marker} finds them all.
        Route("/officers", c => ["", $"q={c.Force.Subject}", $"q={c.Force.SelfStaff}", $"q={c.Force.Marker}"]),
        Route("/officers/{id}", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = c => [c.Force.Subject, c.Force.SelfStaff, c.Force.LiveSubject, c.Force.Accessor, c.Force.AlertStaff] }),
        Route("/units"),
        Route("/units/{id}", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = c => [c.Force.Unit, c.Force.DirectorateUnit, c.Force.DemoBorough, c.Force.DemoHandlingUnit] }),
        Route("/performance", c => ["", "period=12m", $"unit={c.Force.Unit}", $"unit={c.Force.Unit}&period=12m", $"unit={c.Force.DirectorateUnit}", $"unit={c.Force.DemoHandlingUnit}", $"unit={c.Force.DemoBorough}&period=12m",
            "asOf=2009-06-30", $"asOf=2009-06-30&period=3m&unit={c.Force.Unit}", $"asOf={Iso(c.Force.Today)}&period=2026-Q3"]),
        // The cost of litigation counts from the shared view (ADR 0024): no restricted case in any year or unit.
        Route("/performance/litigation", "", "year=2009", "year=2025", "year=nonsense"),
        Route("/performance/report/{job?}", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["job"] = c => ["", .. c.ReportJobsToTry] }),
        Route("/performance/report/{job}/{format}", new Dictionary<string, Func<SweepContext, IEnumerable<string>>>
        {
            ["job"] = c => c.ReportJobsToTry,
            ["format"] = _ => ["pdf", "html", "csv", "ipcc-return.csv"],
        }),
        // The flags page evaluates every rule over every officer on each request: each query below earns its place.
        Route("/risk", c => ["", "subject=location", "rule=dishonesty_24m", "level=warning&subject=officer", "asOf=2009-07-31&rule=complaints_12m",
            $"asOf={Iso(c.Force.Today.AddDays(-30))}&rule=top_percentile_12m&level=critical",
            // A search names the canary (the ghost comparison judges what an echo would give away); pages beyond the first.
            $"q={c.Force.SubjectName}", $"q={c.Force.Subject}", $"q={c.Force.Unit}&subject=location", $"q={c.Force.SelfStaff}", "page=2", "level=warning&page=3"]),
        Route("/risk/themes", c => ["", "asOf=2009-07-31", .. Enumerable.Range(0, Probity.Risk.Model.RiskFeatures.GroupNames.Length).Select(g => $"theme={g}"), $"asOf={Iso(c.Force.Today.AddDays(-30))}&theme=2"]),
        Route("/risk/model"),
        Route("/risk/meeting", c => ["", $"on={Iso(c.Force.Today.AddDays(-35))}", "page=2"]),
        Route("/risk/concerns"),
        // The canary force holds no register entry: an unknown one is a plain 404 to readers and refused to everyone else
        // (PersonsOfConcernTests sweeps the roles over real entries, the officer's own and its markers).
        Route("/risk/concerns/{id}", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = c => ["POC-000000000000", c.Force.OldCase] }),
        // Right Line: the reporter's pages (no sign-in) and the Bureau's. The canary force holds no report; an unknown
        // reference must be a plain 404 for everyone (RightLineTests sweeps the roles over a real report).
        Route("/right-line"),
        Route("/right-line/follow-up"),
        Route("/intelligence/right-line"),
        Route("/intelligence/right-line/{reference}", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["reference"] = c => ["RL-0000000000", c.Force.OldCase] }),
        Route("/intelligence/items"),
        Route("/intelligence/items/new", "", "on=2014-05-01", "on=2020-05-01"),
        Route("/intelligence/review"),
        Route("/intelligence/items/{id}", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = c => ["IN-0000000000", c.Force.OldCase] }),
        // The control strategy counts the canaries' categories (internal fraud: corrupt practice; information misuse: IT systems)
        // from the shared view, so a restricted canary must change no figure, on the pages or in the PDF.
        Route("/intelligence/control-strategy"),
        Route("/intelligence/control-strategy/priorities/{code}", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["code"] = c => ["internal_fraud", "information_misuse", "theft_from_police_premises", c.Force.OldCase] }),
        Route("/intelligence/control-strategy/assessment"),
        Route("/intelligence/control-strategy/assessment/pdf"),
        // Tasking: an operation reference that exists for nobody, and a case id in its place.
        Route("/intelligence/tasking"),
        Route("/intelligence/tasking/new"),
        Route("/intelligence/tasking/operations/{id}", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = c => ["OP-0000000000", c.Force.OldCase] }),
        Route("/monitoring"),
        Route("/monitoring/alerts", c => ["", "all=1", "status=all", "status=raised", $"staff={c.Force.AlertStaff}&status=all", $"key={c.Force.AlertKey}&status=all", "rule=volume_spike&status=all", "status=all&page=2"]),
        Route("/monitoring/alerts/{id}", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = c => [c.Force.AlertId] }),
        Route("/monitoring/who-accessed", c => ["", $"subject={c.Force.Person}",
            $"subject={c.Force.Person}&from={Iso(c.Force.EventDay.AddDays(-1))}&to={Iso(c.Force.EventDay.AddDays(1))}", $"record={c.Force.Record}&from={Iso(c.Force.EventDay)}&to={Iso(c.Force.EventDay)}"]),
        Route("/monitoring/leaks"),
        Route("/monitoring/sampling"),
        Route("/monitoring/sampling/{id}", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["id"] = c => [c.Force.SampleId] }),
        Route("/interchange/import/{job?}", new Dictionary<string, Func<SweepContext, IEnumerable<string>>> { ["job"] = c => ["", c.Force.AdminImportJob] }),
        Route("/interchange/export"),
    ];

    /// <summary>The export form's filters (POST /interchange/export answers a zip): empty is "everything the reader may see".</summary>
    public static IReadOnlyList<Dictionary<string, string>> ExportFilters(CanaryForce f) =>
    [
        [],
        new() { ["Filter.Officer"] = f.Subject },
        new() { ["Filter.Officer"] = f.SelfStaff },
        new() { ["Filter.Category"] = "corrupt_practice", ["Filter.Status"] = "live" },
        new() { ["Filter.Unit"] = f.Unit, ["Filter.Status"] = "live" },
        new() { ["Filter.Unit"] = f.DirectorateUnit, ["Filter.Status"] = "live" },
    ];
}

/// <summary>A GET route as the running host has it: its template, parameters, and what a GET request can bind.</summary>
internal sealed record AppRoute(string Template, IReadOnlyList<string> Parameters, IReadOnlyList<string> QueryInputs, IReadOnlyList<string> GetHandlers, string Source);

internal static class AppRoutes
{
    /// <summary>
    /// Every endpoint answering GET, from the host's own <see cref="EndpointDataSource"/>: Razor pages (compiled through
    /// <see cref="PageLoader"/> to learn their handlers and bound properties) and minimal API endpoints.
    /// </summary>
    public static async Task<IReadOnlyList<AppRoute>> DiscoverAsync(IServiceProvider services)
    {
        var routes = new List<AppRoute>();
        var loader = services.GetRequiredService<PageLoader>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var template = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var parameters = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
            var inputs = new List<string>();
            var handlers = new List<string>();
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = page as CompiledPageActionDescriptor ?? await loader.LoadAsync(page, endpoint.Metadata);
                var get = new ActionContext(new DefaultHttpContext { Request = { Method = HttpMethods.Get } }, new Microsoft.AspNetCore.Routing.RouteData(), new ActionDescriptor());
                foreach (var property in compiled.BoundProperties)
                    if (property.BindingInfo?.RequestPredicate is not { } predicate || predicate(get))
                        inputs.AddRange(InputNames(property.BindingInfo?.BinderModelName ?? property.Name, property.ParameterType));
                foreach (var method in compiled.HandlerMethods.Where(h => string.Equals(h.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase)))
                {
                    if (!string.IsNullOrEmpty(method.Name)) handlers.Add(method.Name);
                    foreach (var p in method.Parameters.Where(p => p.ParameterType != typeof(CancellationToken) && p.BindingInfo?.BindingSource != BindingSource.Services
                                 && p.ParameterInfo.GetCustomAttribute<FromServicesAttribute>() is null))
                        inputs.AddRange(InputNames(p.BindingInfo?.BinderModelName ?? p.Name, p.ParameterType));
                }
                routes.Add(new AppRoute(template, parameters, Without(inputs, parameters), handlers, $"page {page.RelativePath}"));
                continue;
            }
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            if (methods is not null && !methods.Contains(HttpMethods.Get, StringComparer.OrdinalIgnoreCase)) continue;
            if (endpoint.Metadata.GetMetadata<MethodInfo>() is { } delegateMethod)
                foreach (var p in delegateMethod.GetParameters().Where(p => IsSimple(p.ParameterType) && p.GetCustomAttribute<FromServicesAttribute>() is null && p.ParameterType != typeof(CancellationToken)))
                    inputs.Add(p.GetCustomAttribute<FromQueryAttribute>()?.Name ?? p.Name!);
            routes.Add(new AppRoute(template, parameters, Without(inputs, parameters), handlers, $"endpoint {endpoint.DisplayName}"));
        }
        return routes.GroupBy(r => r.Template, StringComparer.OrdinalIgnoreCase).Select(g => g.First()).ToList();
    }

    private static List<string> Without(List<string> inputs, List<string> parameters) =>
        inputs.Where(i => !parameters.Contains(i, StringComparer.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>A simple value binds by its name; a bound object (a filter) binds each of its properties, with or without the prefix.</summary>
    private static IEnumerable<string> InputNames(string name, Type type) =>
        IsSimple(type) ? [name]
            : type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && IsSimple(p.PropertyType)).Select(p => p.Name);

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateOnly) || t == typeof(TimeOnly)
            || t == typeof(DateTime) || t == typeof(DateTimeOffset) || t == typeof(Guid);
    }

    /// <summary>What the table misses: routes it does not know, parameters it does not fill, inputs and GET handlers it never uses; and entries for routes that are gone.</summary>
    public static IReadOnlyList<string> Uncovered(IReadOnlyList<AppRoute> routes, SweepContext c)
    {
        var problems = new List<string>();
        var table = CanaryRoutes.Table.ToDictionary(r => r.Template, StringComparer.OrdinalIgnoreCase);
        foreach (var route in routes)
        {
            if (!table.TryGetValue(route.Template, out var check))
            {
                problems.Add($"{route.Template} ({route.Source}) has no entry in CanaryRoutes.Table: say which canary values its parameters take and which queries exercise it");
                continue;
            }
            foreach (var p in route.Parameters.Where(p => !check.Parameters.ContainsKey(p)))
                problems.Add($"{route.Template}: route parameter '{p}' has no canary values in CanaryRoutes.Table");
            var used = check.QueryInputs(c);
            foreach (var input in route.QueryInputs.Where(i => !used.Contains(i)))
                problems.Add($"{route.Template}: query input '{input}' (bound on GET) is never exercised by CanaryRoutes.Table");
            foreach (var handler in route.GetHandlers.Where(h => !check.Queries(c).Any(q => q.Contains("handler=" + h, StringComparison.OrdinalIgnoreCase))))
                problems.Add($"{route.Template}: GET handler '{handler}' is never called by CanaryRoutes.Table (add a query with handler={handler})");
        }
        foreach (var stale in CanaryRoutes.Table.Where(t => !routes.Any(r => string.Equals(r.Template, t.Template, StringComparison.OrdinalIgnoreCase))))
            problems.Add($"{stale.Template} is in CanaryRoutes.Table but the host has no such GET route (renamed?)");
        return problems;
    }
}
