using Probity.Identity.Contracts;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.AccessMonitoring.Alerts;
using Probity.Identity;
using Probity.Database;
using Probity.Infrastructure.Time;

[assembly: AssemblyFixture(typeof(Probity.IntegrationTests.NeedToKnow.CanaryForces))]

namespace Probity.IntegrationTests.NeedToKnow;

/// <summary>A string that must never reach a reader it is hidden from, and what it gives away.</summary>
public sealed record Marker(string Text, string What);

/// <summary>
/// The demo force with canaries planted in it, the way the force's own people would: need-to-know cases whose
/// every trace carries an unmistakable marker, so any page, API answer or download that shows them to someone
/// outside the grant is caught by searching for the marker.
/// <list type="bullet">
/// <item>Three cases restricted to the team <see cref="Team"/>, of which only <see cref="Grantee"/> is a member:
/// <see cref="OldCase"/> (received in 2009, live, in hand and long overdue, so it heads every "oldest live" list),
/// <see cref="NewCase"/> (received 45 days ago, so today's risk flags, themes and model see it) and
/// <see cref="MonitoringCase"/> (raised from an information-misuse alert, so the alert links to it). The first two
/// name <see cref="Subject"/>, an officer with no other history, with six and five allegations (corruption,
/// disclosure, misuse of systems, assault), two substantiated findings each and a sanction; they arose in <see cref="Unit"/>,
/// a borough with no other cases, were recorded there and allocated to <see cref="DirectorateUnit"/> before being restricted
/// (a restricted case never sits with a borough, ADR 0026 addendum). A tasking (assignment) quotes <see cref="NewCase"/>
/// as its reason, and audit-log events, and a probity sample drawn from them, quote it too.</item>
/// <item><see cref="LiveCase"/>: an ordinary unrestricted complaint received in 2009 and still live, which oversight
/// members (finalised cases only) must never see: it heads the "oldest live cases" table.</item>
/// <item><see cref="SelfCase"/>: an unrestricted case about <see cref="SelfStaff"/>, the staff record of the user
/// <see cref="SelfUser"/> (a senior manager), which that user must never see.</item>
/// </list>
/// Users and the links from users to staff records have no page, so they are made in a system scope (as
/// <c>probity users add</c> does); staff, units, persons and taskings come in through the web import as the
/// administrator; cases, restrictions, findings and sanctions through the API and the case page as the grantee and
/// the case handler; audit logs through <c>POST /api/access-events</c> with an ingest key.
/// </summary>
public sealed partial class CanaryForce : IAsyncDisposable
{
    public const string Team = "dps-canary";
    public const string Grantee = "canary-senior";
    public const string SelfUser = "self-senior";
    /// <summary>A borough's professional standards champion, kept to <see cref="DemoBorough"/> (ADR 0026).</summary>
    public const string Champion = "borough-champion";

    /// <summary>Every signed-in reader the sweep acts as: the six demo accounts, the self-subject user, the borough champion and the grantee.</summary>
    public static readonly IReadOnlyList<string> Readers = ["handler", "investigator", "analyst", "senior", "oversight", "admin", SelfUser, Champion, Grantee];

    private static readonly CancellationToken None = CancellationToken.None;
    private readonly Lock _lock = new();
    private Task<SweepResult>? _sweep;

    private CanaryForce(ProbityApp app, string marker)
    {
        App = app;
        Marker = marker;
        var low = marker.ToLowerInvariant();
        Unit = $"bor-canary-{low}";
        DirectorateUnit = $"canary-acu-{low}";
        StaffUnit = $"ocu-canary-{low}";
        Subject = $"s-canary-subject-{low}";
        SelfStaff = $"s-canary-self-{low}";
        LiveSubject = $"s-canary-live-{low}";
        Accessor = $"s-canary-accessor-{low}";
        Person = $"P-CANARY-{marker}";
        Record = $"CR-CANARY-{marker}";
    }

    public ProbityApp App { get; }
    public Provider Provider => App.Provider;

    /// <summary>"CNRY" and 8 hex digits: in every marker, found nowhere in the demo force.</summary>
    public string Marker { get; }

    /// <summary>The borough where the restricted canaries arose (recorded there, then allocated away); the subject officer is its only member.</summary>
    public string Unit { get; }
    /// <summary>
    /// <see cref="DirectorateUnitName"/>, the Directorate unit that handles the restricted canaries: a restricted case never
    /// sits with a borough (ADR 0026 addendum), so each is recorded at <see cref="Unit"/>, allocated here, then restricted.
    /// </summary>
    public string DirectorateUnit { get; }
    public const string DirectorateUnitName = "Canary Anti-Corruption Unit";
    /// <summary>Where the other planted staff work, so the canary borough's name on an analytic page can only come from the restricted cases.</summary>
    public string StaffUnit { get; }
    public string Subject { get; }
    public string SelfStaff { get; }
    public string LiveSubject { get; }
    public string Accessor { get; }
    public string Person { get; }
    public string Record { get; }

    public string OldCase { get; private set; } = "";
    public string NewCase { get; private set; } = "";
    public string MonitoringCase { get; private set; } = "";
    public string LiveCase { get; private set; } = "";
    public string SelfCase { get; private set; } = "";
    /// <summary>A civil claim restricted to the team, concluded with money paid: its money is in no figure, for anyone (ADR 0024).</summary>
    public string ClaimCase { get; private set; } = "";

    /// <summary>The misuse alert raised as <see cref="MonitoringCase"/>, the member of staff it is about, and its key (person, record, day ...).</summary>
    public string AlertId { get; private set; } = "";
    public string AlertStaff { get; private set; } = "";
    public string AlertKey { get; private set; } = "";
    public string SampleId { get; private set; } = "";
    public string AdminImportJob { get; private set; } = "";
    /// <summary>The letters on the restricted recent canary (they name its complainant).</summary>
    public IReadOnlyList<string> Documents { get; private set; } = [];
    /// <summary>A borough of the demo force with cases of its own (where the live and self cases arose).</summary>
    public string DemoBorough { get; private set; } = "";
    /// <summary>The handling unit of <see cref="LiveCase"/>.</summary>
    public string DemoHandlingUnit => "cst";
    public DateOnly Today { get; private set; }
    public DateOnly EventDay => Today.AddDays(-5);
    public DateOnly NewReceived => Today.AddDays(-45);

    /// <summary>Every case not finalised when the canaries were planted: oversight members may see none of them.</summary>
    public IReadOnlySet<string> LiveCaseIds { get; private set; } = new HashSet<string>();

    /// <summary>Every case <see cref="DemoBorough"/> does not handle: the borough champion may see none of them.</summary>
    public IReadOnlySet<string> OutsideBoroughCaseIds { get; private set; } = new HashSet<string>();

    public string OldSummary => Marker + "SUMOLD";
    public string NewSummary => Marker + "SUMNEW";
    public string LiveSummary => Marker + "SUMLIVE";
    public string SelfSummary => Marker + "SUMSELF";
    public string ClaimSummary => Marker + "SUMCLAIM";
    /// <summary>The restricted claim's solicitors, and the rationale of the severity assessed on <see cref="NewCase"/> before its hearing.</summary>
    public string ClaimRepresentative => Marker + "SOLICITORS";
    public string SeverityRationale => Marker + "RATIONALE";
    /// <summary>The restricted claim's money, as pages (pounds) and the API (pence) show it: amounts found nowhere in the demo force.</summary>
    public const string ClaimedPounds = "765,432.19", ClaimedPence = "76543219", SettledPounds = "918,273.64", SettledPence = "91827364";
    public string ComplainantName => Marker + "COMPLAINANT";
    public string ComplainantContact => Marker + "CONTACT";
    public string SubjectName => Marker + "SUBJECTNAME";
    public string SelfStaffName => Marker + "SELFNAME";
    public string SelfInterestText => Marker + "INTERESTSELF";
    /// <summary>The self-subject's business interest (Registers).</summary>
    public string SelfInterest { get; private set; } = "";
    /// <summary>A learning recommendation from a restricted case, quoting another (Registers).</summary>
    public string LearningItem { get; private set; } = "";
    /// <summary>A borough risk whose title quotes a restricted case (Registers).</summary>
    public string RiskItem { get; private set; } = "";
    public string SelfConfidenceText => Marker + "CONFIDENCESELF";
    /// <summary>The Service Confidence record about the self-subject (Registers): never shown to them.</summary>
    public string SelfConfidence { get; private set; } = "";
    /// <summary>A dip sample of finalised cases drawn by the oversight member (Registers).</summary>
    public string DipSample { get; private set; } = "";
    /// <summary>A gold group whose incident quotes a restricted case and whose minutes quote another (Registers).</summary>
    public string GoldItem { get; private set; } = "";

    /// <summary>What no one outside the grant may see, anywhere.</summary>
    public IReadOnlyList<Marker> RestrictedMarkers =>
    [
        new(OldCase, "restricted canary case id (2009, live, overdue)"),
        new(NewCase, "restricted canary case id (recent)"),
        new(MonitoringCase, "restricted canary case id (raised from a misuse alert)"),
        new(OldSummary, "restricted canary summary"),
        new(NewSummary, "restricted canary summary"),
        new(ComplainantName, "restricted canary complainant's name"),
        new(ComplainantContact, "restricted canary complainant's contact"),
        new(ClaimCase, "restricted canary civil claim's id"),
        new(ClaimSummary, "restricted canary civil claim's summary"),
        new(ClaimRepresentative, "restricted canary civil claim's solicitors"),
        new(ClaimedPounds, "restricted canary civil claim's amount claimed"), new(ClaimedPence, "restricted canary civil claim's amount claimed, in pence"),
        new(SettledPounds, "restricted canary civil claim's settlement"), new(SettledPence, "restricted canary civil claim's settlement, in pence"),
        new(NewCase + "-H1", "the hearing arranged on the restricted recent canary"),
        new(SeverityRationale, "the severity assessment's rationale on the restricted recent canary"),
    ];

    public IReadOnlyList<Marker> LiveMarkers => [new(LiveCase, "live case id"), new(LiveSummary, "live case summary")];

    public IReadOnlyList<Marker> SelfMarkers =>
    [
        new(SelfCase, "id of the case about the reader themselves"), new(SelfSummary, "summary of the case about the reader themselves"),
        new(SelfInterestText, "the reader's own business interest"), new(SelfInterest, "id of the reader's own business interest"),
        new(SelfConfidenceText, "the service confidence record about the reader"), new(SelfConfidence, "id of the service confidence record about the reader"),
    ];

    /// <summary>The cases this reader must not know exist.</summary>
    public IReadOnlyList<string> HiddenFrom(string reader) => reader switch
    {
        Grantee => [],
        SelfUser => [OldCase, NewCase, MonitoringCase, ClaimCase, SelfCase],
        // The live and self canaries arose in the champion's borough but the CST handles them: not the borough's cases.
        Champion => [OldCase, NewCase, MonitoringCase, ClaimCase, LiveCase, SelfCase],
        "oversight" => [OldCase, NewCase, MonitoringCase, ClaimCase, LiveCase],
        _ => [OldCase, NewCase, MonitoringCase, ClaimCase],
    };

    /// <summary>The read-only sweep of every route as every reader, run once and shared by the tests that read its answers.</summary>
    internal Task<SweepResult> SweepAsync()
    {
        lock (_lock) return _sweep ??= Task.Run(() => CanarySweep.RunAsync(this));
    }

    public static async Task<CanaryForce> PlantAsync(Provider provider)
    {
        var app = await Apps.CreateAsync(provider);
        var force = new CanaryForce(app, "CNRY" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant());
        try
        {
            await force.PlantAsync();
            return force;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private async Task PlantAsync()
    {
        Today = App.Services.GetRequiredService<TimeProvider>().Today();
        string demoOfficer;
        await using (var scope = App.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            DemoBorough = await db.Units.Where(u => u.Kind == "borough").OrderBy(u => u.Id).Select(u => u.Id).FirstAsync(None);
            demoOfficer = await db.Staff.Where(s => s.StaffType == "officer" && s.LeftOn == null).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(None);
            // People and their link to a staff record have no page: made as `probity users add` makes them.
            var accounts = scope.ServiceProvider.GetRequiredService<DemoAccounts>();
            await accounts.CreateAsync(Grantee, "Canary grantee (DPS senior manager)", Roles.SeniorManager, Team, ProbityApp.Password);
            var self = await accounts.CreateAsync(SelfUser, "Self-subject (DPS senior manager)", Roles.SeniorManager, "dps-smt", ProbityApp.Password);
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ProbityUser>>();
            self.StaffId = SelfStaff;
            var updated = await users.UpdateAsync(self);
            if (!updated.Succeeded) throw new InvalidOperationException("Could not link the self-subject user to their staff record");
            // The borough champion, kept to a demo borough as an administrator keeps them (ADR 0026).
            var champion = await accounts.CreateAsync(Champion, "Borough champion", Roles.BoroughChampion, null, ProbityApp.Password);
            champion.BoroughUnitId = DemoBorough;
            if (!(await users.UpdateAsync(champion)).Succeeded) throw new InvalidOperationException("Could not keep the champion to their borough");
        }

        var admin = await App.SignInAsync("admin");
        var grantee = await App.SignInAsync(Grantee);
        var handler = await App.SignInAsync("handler");

        // HR data through the import, as the administrator loads it.
        await ImportAsync(admin, new Dictionary<string, string>
        {
            ["units.csv"] = Csv("unit_id,name,kind,parent_unit_id,resident_population", $"{Unit},Canary Vale,borough,,120000", $"{StaffUnit},Canary Hill OCU,ocu,,",
                $"{DirectorateUnit},{DirectorateUnitName},team,,"),
            ["staff.csv"] = Csv("staff_id,display_name,staff_type,rank,unit_id,joined_on,left_on,gender,ethnicity,vetting_level,vetting_expires_on",
                $"{Subject},PC {SubjectName},officer,Constable,{Unit},2001-04-02,,male,white,mv,2031-01-01",
                $"{SelfStaff},Insp {SelfStaffName},officer,Inspector,{StaffUnit},1999-09-06,,female,white,sc,2031-01-01",
                $"{LiveSubject},PC Live Subject {Marker},officer,Constable,{StaffUnit},2003-01-06,,male,asian,mv,2031-01-01",
                $"{Accessor},DC Accessor {Marker},officer,Constable,{StaffUnit},2004-05-04,,female,black,mv,2031-01-01"),
            ["persons.csv"] = Csv("person_id,flags", $"{Person},high_profile"),
        });

        // The restricted canaries, recorded and worked by the grantee through the API and the case page.
        OldCase = await RecordByApiAsync(grantee, new
        {
            caseType = "public_complaint", receivedOn = "2009-02-02", recordedOn = "2009-02-03", source = "public", locationUnitId = Unit, handlingUnitId = Unit,
            summary = $"{OldSummary}: officer said to sell intelligence to a drugs network and to have assaulted the complainant",
            complainantName = ComplainantName, complainantContact = ComplainantContact,
            allegations = new[] { "corrupt_practice", "corrupt_practice", "improper_disclosure_of_information", "other_assault", "other_assault", "theft" }
                .Select(c => new { category = c, staffId = Subject }).ToArray(),
        });
        await AllocateAndRestrictAsync(grantee, OldCase);
        await EditAsync(grantee, OldCase, "route", new() { ["route"] = "local_investigation", ["date"] = "2009-02-10" });
        await EditAsync(grantee, OldCase, "finding", new() { ["allegationId"] = OldCase + "-A1", ["finding"] = "substantiated", ["date"] = "2009-06-01" });
        await EditAsync(grantee, OldCase, "finding", new() { ["allegationId"] = OldCase + "-A3", ["finding"] = "substantiated", ["date"] = "2009-06-01" });
        await EditAsync(grantee, OldCase, "outcome", new() { ["staffId"] = Subject, ["outcome"] = "written_warning", ["date"] = "2009-07-01" });

        NewCase = await RecordByApiAsync(grantee, new
        {
            caseType = "conduct_matter", receivedOn = Iso(NewReceived), recordedOn = Iso(NewReceived.AddDays(1)), source = "internal", locationUnitId = Unit, handlingUnitId = Unit,
            summary = $"{NewSummary}: the same officer searched intelligence systems for the network's members and passed on what he found",
            complainantName = ComplainantName, complainantContact = ComplainantContact,
            allegations = new[] { "corrupt_practice", "improper_disclosure_of_information", "improper_disclosure_of_information", "improper_use_of_it_systems", "other_assault" }
                .Select(c => new { category = c, staffId = Subject }).ToArray(),
        });
        // Named to the demo's investigator and senior manager before it was restricted away from them: their caseloads
        // (home page, /caseload, the digest) must drop it.
        await EditAsync(grantee, NewCase, "assign", new() { ["investigator"] = "investigator", ["supervisor"] = "senior" });
        await AllocateAndRestrictAsync(grantee, NewCase);
        await EditAsync(grantee, NewCase, "route", new() { ["route"] = "local_investigation", ["date"] = Iso(Today.AddDays(-40)) });
        await EditAsync(grantee, NewCase, "finding", new() { ["allegationId"] = NewCase + "-A1", ["finding"] = "substantiated", ["date"] = Iso(Today.AddDays(-10)) });
        await EditAsync(grantee, NewCase, "finding", new() { ["allegationId"] = NewCase + "-A2", ["finding"] = "substantiated", ["date"] = Iso(Today.AddDays(-10)) });
        await EditAsync(grantee, NewCase, "outcome", new() { ["staffId"] = Subject, ["outcome"] = "final_written_warning", ["date"] = Iso(Today.AddDays(-5)) });
        // A letter to the canary complainant, kept on the restricted case as a PDF and a Word document that name them.
        await EditAsync(grantee, NewCase, "letter", new() { ["Kind"] = "acknowledgement" });
        // The conduct side of the restricted case (ADR 0023): the subject's matter assessed, a hearing arranged for a day to come.
        await ApiStepAsync(grantee, NewCase, "severity", new { staffId = Subject, severity = "gross_misconduct", assessedOn = Iso(Today.AddDays(-4)), rationale = SeverityRationale });
        await ApiStepAsync(grantee, NewCase, "hearings", new { staffId = Subject, kind = "gross_misconduct_hearing", heldOn = Iso(Today.AddDays(10)), chair = Accessor });

        // A civil claim arising in the canary borough, restricted, then recorded and settled with its money (ADR 0024).
        ClaimCase = await RecordByApiAsync(grantee, new
        {
            caseType = "civil_claim", receivedOn = Iso(Today.AddDays(-60)), recordedOn = Iso(Today.AddDays(-59)), source = "public", locationUnitId = Unit, handlingUnitId = Unit,
            summary = $"{ClaimSummary}: damages claimed for an unlawful arrest by the network's officer",
        });
        await AllocateAndRestrictAsync(grantee, ClaimCase);
        await ApiStepAsync(grantee, ClaimCase, "claim", new { amountClaimed = ClaimedPounds, currency = "GBP", representation = "solicitor", representative = ClaimRepresentative });
        await ApiStepAsync(grantee, ClaimCase, "liability", new { liability = "admitted", decidedOn = Iso(Today.AddDays(-20)), decidedBy = "Directorate of Legal Services" });
        await ApiStepAsync(grantee, ClaimCase, "litigation-outcome", new { outcome = "settled", on = Iso(Today.AddDays(-3)), settlement = SettledPounds });

        // The oversight canary and the self-subject canary: ordinary cases recorded on the intake form by the case handler.
        LiveCase = await RecordByFormAsync(handler, new()
        {
            ["Input.CaseType"] = "public_complaint", ["Input.Source"] = "public", ["Input.ReceivedOn"] = "2009-02-03", ["Input.RecordedOn"] = "2009-02-04",
            ["Input.LocationUnitId"] = DemoBorough, ["Input.HandlingUnitId"] = DemoHandlingUnit, ["Input.Summary"] = $"{LiveSummary}: rude at a roadside stop",
            ["Input.Allegations[0].Category"] = "incivility", ["Input.Allegations[0].StaffId"] = LiveSubject,
        });
        await EditAsync(handler, LiveCase, "route", new() { ["route"] = "local_resolution", ["date"] = "2009-02-10" });
        SelfCase = await RecordByFormAsync(handler, new()
        {
            ["Input.CaseType"] = "conduct_matter", ["Input.Source"] = "internal", ["Input.ReceivedOn"] = Iso(Today.AddDays(-20)), ["Input.RecordedOn"] = Iso(Today.AddDays(-19)),
            ["Input.LocationUnitId"] = DemoBorough, ["Input.HandlingUnitId"] = DemoHandlingUnit, ["Input.Summary"] = $"{SelfSummary}: inspector said to have leaked an operation's details",
            ["Input.Allegations[0].Category"] = "corrupt_practice", ["Input.Allegations[0].StaffId"] = SelfStaff,
            ["Input.Allegations[1].Category"] = "improper_disclosure_of_information", ["Input.Allegations[1].StaffId"] = SelfStaff,
        });
        await EditAsync(handler, SelfCase, "route", new() { ["route"] = "local_investigation", ["date"] = Iso(Today.AddDays(-15)) });

        // A tasking that quotes the restricted case as its reason (assignments come from the tasking system, through the import).
        await using (var scope = App.SystemScope())
            Documents = [.. (await scope.ServiceProvider.GetRequiredService<Probity.Database.ProbityDb>().CaseDocuments.Where(d => d.CaseId == NewCase)
                .Select(d => d.Id).ToListAsync(None)).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture))];

        AdminImportJob = await ImportAsync(admin, new Dictionary<string, string>
        {
            ["units.csv"] = Csv("unit_id,name,kind,parent_unit_id,resident_population", $"{StaffUnit},Canary Hill OCU,ocu,,"),
            ["staff.csv"] = Csv("staff_id,display_name,staff_type,rank,unit_id,joined_on,left_on,gender,ethnicity,vetting_level,vetting_expires_on",
                $"{Accessor},DC Accessor {Marker},officer,Constable,{StaffUnit},2004-05-04,,female,black,mv,2031-01-01"),
            ["persons.csv"] = Csv("person_id,flags", $"{Person},high_profile"),
            ["assignments.csv"] = Csv("staff_id,reason_ref,record_type,record_id,subject_person_id,from_time,to_time",
                $"{Accessor},{NewCase},person,{Record},{Person},{Iso(EventDay)}T00:00:00Z,{Iso(EventDay.AddDays(2))}T00:00:00Z"),
        });

        // Audit logs from a policing system: the tasked officer looks at the record, quoting the case; a colleague looks without a reason.
        await IngestAsync(Csv("event_time,staff_id,system,action,record_type,record_id,subject_person_id,workstation_id,reason_ref",
            $"{Iso(EventDay)}T10:00:00Z,{Accessor},crimint,view,person,{Record},{Person},WS-CANARY-1,{NewCase}",
            $"{Iso(EventDay)}T10:05:00Z,{Accessor},crimint,print,person,{Record},{Person},WS-CANARY-1,{NewCase}",
            $"{Iso(EventDay)}T11:30:00Z,{demoOfficer},cris,view,person,{Record},{Person},WS-CANARY-2,"));

        // A probity sample of the tasked officer's accesses, drawn by the grantee.
        var sample = await grantee.PostFormAsync("/monitoring/sampling", new()
        {
            ["Input.From"] = Iso(EventDay), ["Input.To"] = Iso(EventDay), ["Input.PerUser"] = "5", ["Input.StaffIds"] = Accessor,
        });
        SampleId = RedirectedId(sample, "/monitoring/sampling/");

        // An information-misuse alert raised as a conduct case, which the grantee then restricts: the alert keeps the link.
        await using (var scope = App.SystemScope())
        {
            var alert = await scope.ServiceProvider.GetRequiredService<ProbityDb>().MisuseAlerts
                .Where(a => a.Status == AlertStatus.Open).OrderBy(a => a.Id).FirstAsync(None);
            (AlertId, AlertStaff, AlertKey) = (alert.Id, alert.StaffId, alert.Key);
        }
        var alertPage = await grantee.Http.GetStringAsync($"/monitoring/alerts/{AlertId}", None);
        var raised = await grantee.PostFormAsync($"/monitoring/alerts/{AlertId}?handler=RaiseCase",
            new() { ["version"] = VersionField().Match(alertPage).Groups[1].Value, ["note"] = "Passed to the anti-corruption team" }, $"/monitoring/alerts/{AlertId}");
        Expect(raised.StatusCode == HttpStatusCode.Redirect, $"raising alert {AlertId} as a case answered {raised.StatusCode}");
        await using (var scope = App.SystemScope())
            MonitoringCase = await scope.ServiceProvider.GetRequiredService<ProbityDb>().MisuseAlerts.Where(a => a.Id == AlertId).Select(a => a.CaseId).SingleAsync(None)
                ?? throw new InvalidOperationException($"Alert {AlertId} was not raised as a case: {Notice(await grantee.Http.GetStringAsync($"/monitoring/alerts/{AlertId}", None))}");
        await RestrictAsync(grantee, MonitoringCase);

        // A business interest of the self-subject's, on the register through its page: never shown to them.
        var senior = await App.SignInAsync("senior");
        var recorded = await senior.PostFormAsync("/registers/interests?handler=Record", new()
        {
            ["staff"] = SelfStaff, ["interestType"] = "company_director", ["description"] = SelfInterestText, ["appliedOn"] = Iso(Today.AddDays(-20)),
        }, "/registers/interests");
        Expect(recorded.StatusCode == HttpStatusCode.Redirect, $"recording the self-subject's business interest answered {recorded.StatusCode}");
        SelfInterest = RedirectedId(recorded, "/registers/interests/");

        // A learning recommendation from a restricted investigation, quoting another in its text, and a borough risk whose
        // title quotes the third: recorded by the grantee, who may open all three; every other reader sees them withheld.
        var learning = await grantee.PostFormAsync("/registers/learning?handler=Record", new()
        {
            ["source"] = "investigation", ["caseReference"] = OldCase, ["recommendation"] = $"Supervisors to check intelligence searches, as {NewCase} showed",
            ["theme"] = "information_security", ["ownerUnit"] = "Canary Vale", ["action"] = "Monthly dip sample of searches", ["dueInWorkingDays"] = "20",
        }, "/registers/learning");
        Expect(learning.StatusCode == HttpStatusCode.Redirect && learning.Headers.Location!.OriginalString.StartsWith("/registers/learning/", StringComparison.Ordinal),
            $"recording the canary learning answered {learning.StatusCode} {learning.Headers.Location}");
        LearningItem = RedirectedId(learning, "/registers/learning/");
        var risk = await grantee.PostFormAsync("/registers/risks?handler=Raise", new()
        {
            ["register"] = "borough", ["riskUnit"] = "Canary Vale", ["title"] = $"Network reaching officers again, as in {MonitoringCase}", ["owner"] = $"Borough Commander (Op Lantern, {OldCase})",
            ["cause"] = "Officers' searches unchecked", ["effect"] = "Intelligence passed to criminals", ["likelihood"] = "4", ["impact"] = "5",
        }, "/registers/risks");
        Expect(risk.StatusCode == HttpStatusCode.Redirect && risk.Headers.Location!.OriginalString.StartsWith("/registers/risks/", StringComparison.Ordinal),
            $"raising the canary risk answered {risk.StatusCode} {risk.Headers.Location}");
        RiskItem = RedirectedId(risk, "/registers/risks/");
        var gold = await grantee.PostFormAsync("/registers/gold?handler=Open", new()
        {
            ["incident"] = $"Disclosure to a crime group, linked to {NewCase}", ["description"] = "Community tension after the arrests", ["triggeredOn"] = Iso(Today.AddDays(-10)),
            ["chair"] = Accessor,
        }, "/registers/gold");
        Expect(gold.StatusCode == HttpStatusCode.Redirect && gold.Headers.Location!.OriginalString.StartsWith("/registers/gold/", StringComparison.Ordinal),
            $"opening the canary gold group answered {gold.StatusCode} {gold.Headers.Location}");
        GoldItem = RedirectedId(gold, "/registers/gold/");
        var minuted = await grantee.PostFormAsync($"/registers/gold/{GoldItem}?handler=Minutes", new()
        {
            ["heldOn"] = Iso(Today.AddDays(-9)), ["minutes"] = $"The group heard how {OldCase} began.",
        }, $"/registers/gold/{GoldItem}");
        Expect(minuted.StatusCode == HttpStatusCode.Redirect, $"minuting the canary gold group answered {minuted.StatusCode}");

        // A Service Confidence record about the self-subject, and a dip sample of the last two years' finalised cases drawn
        // by the oversight member from the demo force's last two years (from the shared view: never a restricted canary).
        var confidence = await senior.PostFormAsync("/registers/service-confidence?handler=Record", new()
        {
            ["staff"] = SelfStaff, ["decidedBy"] = "Head of Anti-Corruption", ["decidedOn"] = Iso(Today.AddDays(-30)), ["reasons"] = SelfConfidenceText,
            ["firstReviewOn"] = Iso(Today.AddDays(30)), ["restriction"] = "system_access", ["restrictionDetail"] = "No access to intelligence systems",
        }, "/registers/service-confidence");
        Expect(confidence.StatusCode == HttpStatusCode.Redirect && confidence.Headers.Location!.OriginalString.StartsWith("/registers/service-confidence/", StringComparison.Ordinal),
            $"recording the self-subject's service confidence record answered {confidence.StatusCode} {confidence.Headers.Location}");
        SelfConfidence = RedirectedId(confidence, "/registers/service-confidence/");
        var oversight = await App.SignInAsync("oversight");
        var dip = await oversight.PostFormAsync("/registers/dip-samples?handler=Draw", new()
        {
            ["from"] = Iso(ProbityApp.DemoUntil.AddDays(-730)), ["to"] = Iso(ProbityApp.DemoUntil), ["size"] = "25",
        }, "/registers/dip-samples");
        Expect(dip.StatusCode == HttpStatusCode.Redirect && dip.Headers.Location!.OriginalString.StartsWith("/registers/dip-samples/", StringComparison.Ordinal),
            $"drawing the canary dip sample answered {dip.StatusCode} {dip.Headers.Location}");
        DipSample = RedirectedId(dip, "/registers/dip-samples/");

        await using (var scope = App.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            LiveCaseIds = (await db.Cases.Where(c => c.FinalisedOn == null).Select(c => c.Id).ToListAsync(None)).ToHashSet(StringComparer.Ordinal);
            OutsideBoroughCaseIds = (await db.Cases.Where(c => c.HandlingUnitId == null || c.HandlingUnitId != DemoBorough).Select(c => c.Id).ToListAsync(None)).ToHashSet(StringComparer.Ordinal);
            Expect(await db.Cases.AnyAsync(c => c.HandlingUnitId == DemoBorough && !c.Restricted, None), $"the demo borough {DemoBorough} handles cases of its own");
            var restricted = await db.Cases.Where(c => c.Restricted).Select(c => c.Id).ToListAsync(None);
            Expect(restricted.Order(StringComparer.Ordinal).SequenceEqual(new[] { OldCase, NewCase, MonitoringCase, ClaimCase }.Order(StringComparer.Ordinal)),
                $"exactly the four canaries are restricted, found: {string.Join(", ", restricted)}");
            var atBorough = await db.Cases.Where(c => c.Restricted && db.Units.Any(u => u.Id == c.HandlingUnitId && u.Kind == "borough")).Select(c => c.Id).ToListAsync(None);
            Expect(atBorough.Count == 0, $"no restricted case sits with a borough (ADR 0026 addendum), found: {string.Join(", ", atBorough)}");
        }

        // Derived figures are snapshots refreshed in the background: wait for them to include the canaries, so the
        // sweep sees what a reader would see a minute later (and the model's scores, trained in the background, exist).
        await App.Services.GetRequiredService<Probity.Performance.Facts.FactsCache>().GetAsync(None, fresh: true);
        await App.Services.GetRequiredService<Probity.Risk.RiskFactsCache>().GetAsync(None, fresh: true);
        await App.Services.GetRequiredService<Probity.Risk.Scores.RiskScoresCache>().GetAsync(None, fresh: true);
    }

    /// <summary>A case recorded at the canary borough goes to the Directorate's unit first: a restricted case never sits with a borough.</summary>
    private async Task AllocateAndRestrictAsync(SignedInClient grantee, string caseId)
    {
        await EditAsync(grantee, caseId, "allocate", new() { ["unitId"] = DirectorateUnit, ["reason"] = "Anti-corruption: the Directorate's" });
        await RestrictAsync(grantee, caseId);
    }

    private async Task RestrictAsync(SignedInClient grantee, string caseId) =>
        await EditAsync(grantee, caseId, "restrict", new() { ["principals"] = "team:" + Team, ["reason"] = "Anti-corruption investigation: need to know only" });

    internal static async Task<string> RecordByApiAsync(SignedInClient client, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-CSRF-TOKEN", await ApiTokenAsync(client));
        var response = await client.Http.SendAsync(request, None);
        var answer = await response.Content.ReadAsStringAsync(None);
        Expect(response.StatusCode == HttpStatusCode.Created, $"POST /api/cases answered {(int)response.StatusCode}: {answer}");
        return JsonDocument.Parse(answer).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>One step through the API (POST /api/cases/{id}/{step}) with the version the API reports; anything but success stops the planting.</summary>
    private static async Task ApiStepAsync(SignedInClient client, string caseId, string step, object body)
    {
        var fields = JsonSerializer.SerializeToNode(body, JsonSerializerOptions.Web)!.AsObject();
        fields["version"] = (await client.Http.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}", None)).GetProperty("version").GetString();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{caseId}/{step}") { Content = new StringContent(fields.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Add("X-CSRF-TOKEN", await ApiTokenAsync(client));
        var response = await client.Http.SendAsync(request, None);
        Expect(response.IsSuccessStatusCode, $"POST /api/cases/{caseId}/{step} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(None)}");
    }

    internal static async Task<string> ApiTokenAsync(SignedInClient client) =>
        (await client.Http.GetFromJsonAsync<JsonElement>("/api/antiforgery", None)).GetProperty("token").GetString()!;

    /// <summary>One case operation's form (route, finding, outcome, restrict ...: its page /cases/{id}/{operation}), with the version the API reports.</summary>
    internal static async Task EditAsync(SignedInClient client, string caseId, string operation, Dictionary<string, string> fields)
    {
        var view = await client.Http.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}", None);
        fields["version"] = view.GetProperty("version").GetString()!;
        var response = await client.PostFormAsync($"/cases/{caseId}/{operation}", fields, $"/cases/{caseId}");
        // A refusal shows the operation's page again, with the reason.
        Expect(response.StatusCode == HttpStatusCode.Redirect,
            $"{operation} on {caseId} answered {(int)response.StatusCode}: {SignedInClient.Alert(await response.Content.ReadAsStringAsync(None))}");
        var page = await client.Http.GetStringAsync($"/cases/{caseId}", None);
        Expect(!page.Contains("data-testid=\"error\"", StringComparison.Ordinal), $"{operation} on {caseId} was refused: {Notice(page, "error")}");
    }

    private static async Task<string> RecordByFormAsync(SignedInClient client, Dictionary<string, string> fields)
    {
        var response = await client.PostFormAsync("/cases/new", fields);
        Expect(response.StatusCode == HttpStatusCode.Redirect, $"/cases/new refused the case: {Notice(await response.Content.ReadAsStringAsync(None), "error")}");
        return RedirectedId(response, "/cases/");
    }

    /// <summary>Uploads files through the import page and follows the job to its end; returns the job id.</summary>
    internal static async Task<(string Job, string Page)> ImportFilesAsync(SignedInClient client, IReadOnlyDictionary<string, string> files)
    {
        var token = await client.GetFormTokenAsync("/interchange/import");
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
            part.Headers.ContentType = new("text/csv");
            form.Add(part, "files", name);
        }
        var posted = await client.Http.PostAsync("/interchange/import", form, None);
        Expect(posted.StatusCode == HttpStatusCode.Redirect && posted.Headers.Location is not null, $"the import upload answered {(int)posted.StatusCode}");
        var job = RedirectedId(posted, "/interchange/import/");
        var page = await FollowJobAsync(client, $"/interchange/import/{job}", "import-progress");
        return (job, page);
    }

    private static async Task<string> ImportAsync(SignedInClient admin, IReadOnlyDictionary<string, string> files)
    {
        var (job, page) = await ImportFilesAsync(admin, files);
        Expect(page.Contains("data-testid=\"import-done\"", StringComparison.Ordinal), $"the import was not written: {WebUtility.HtmlDecode(TagsOut().Replace(page, " "))}");
        return job;
    }

    /// <summary>Polls a background job's page (it refreshes itself every second) until it stops showing progress.</summary>
    internal static async Task<string> FollowJobAsync(SignedInClient client, string url, string progressTestId)
    {
        // A guard against a job that never ends, not a speed requirement.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var page = await client.Http.GetStringAsync(url, None);
            if (!page.Contains($"data-testid=\"{progressTestId}\"", StringComparison.Ordinal)) return page;
            if (waited.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException($"{url} still shows progress after 5 minutes");
            await Task.Delay(250, None);
        }
    }

    private async Task IngestAsync(string csv)
    {
        using var client = App.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/access-events") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        request.Headers.Add("X-Probity-Ingest-Key", ProbityApp.IngestKey);
        request.Headers.Add("X-Batch-Id", "canary-" + Marker);
        var response = await client.SendAsync(request, None);
        var answer = await response.Content.ReadAsStringAsync(None);
        Expect(response.StatusCode == HttpStatusCode.OK && !answer.Contains("\"events\":0", StringComparison.Ordinal), $"the audit-log batch was refused: {answer}");
    }

    private static string RedirectedId(HttpResponseMessage response, string prefix)
    {
        var location = response.Headers.Location?.OriginalString ?? "";
        Expect(response.StatusCode == HttpStatusCode.Redirect && location.StartsWith(prefix, StringComparison.Ordinal), $"expected a redirect to {prefix}…, got {(int)response.StatusCode} {location}");
        return Uri.UnescapeDataString(location[prefix.Length..].Split('?', '#')[0]);
    }

    internal static string Csv(string header, params string[] rows) => string.Join("\r\n", [header, .. rows]) + "\r\n";

    internal static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Notice(string page, string testId = "notice") =>
        Regex.Match(page, $"data-testid=\"{testId}\"[^>]*>([^<]*)<") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : "(no message on the page)";

    private static void Expect(bool condition, string what)
    {
        if (!condition) throw new InvalidOperationException("Planting the canaries failed: " + what);
    }

    /// <summary>The case and everything hanging off it, as the platform sees it, as one comparable string.</summary>
    internal async Task<string> CaseSnapshotAsync(string caseId)
    {
        await using var scope = App.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var c = await db.Cases.AsNoTracking().Include(x => x.Allegations).Include(x => x.Sanctions).Include(x => x.Appeals).Include(x => x.Complainants)
            .Include(x => x.AccessGrants).Include(x => x.Timeline).AsSplitQuery().SingleAsync(x => x.Id == caseId, None);
        var text = new StringBuilder();
        text.Append($"{c.Id} {c.CaseType} {c.Regime} {c.ReceivedOn} {c.RecordedOn} {c.Source} {c.LocationUnitId} {c.HandlingUnitId} {c.HandlingRoute} {c.RouteDecidedOn} ")
            .Append($"{c.FinalisedOn} {c.ReferredToIpcc} restricted={c.Restricted} version={c.Version} summary={c.Summary?.Length}; ");
        foreach (var a in c.Allegations.OrderBy(a => a.Id, StringComparer.Ordinal)) text.Append($"allegation {a.Id} {a.StaffId} {a.Category} {a.Finding} {a.FinalisedOn}; ");
        foreach (var s in c.Sanctions.OrderBy(s => s.StaffId + s.Outcome, StringComparer.Ordinal)) text.Append($"sanction {s.StaffId} {s.Outcome} {s.DecidedOn}; ");
        foreach (var a in c.Appeals.OrderBy(a => a.Id, StringComparer.Ordinal)) text.Append($"appeal {a.Id} {a.AppealType}; ");
        foreach (var p in c.Complainants.OrderBy(p => p.Id, StringComparer.Ordinal)) text.Append($"complainant {p.Id}; ");
        foreach (var g in c.AccessGrants.OrderBy(g => g.Principal, StringComparer.Ordinal)) text.Append($"grant {g.Principal}; ");
        text.Append($"timeline {c.Timeline.Count}");
        return text.ToString();
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();

    [GeneratedRegex("name=\"version\" value=\"([^\"]+)\"")]
    private static partial Regex VersionField();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagsOut();
}

/// <summary>One planted force per provider, shared by every need-to-know test (planting takes a while).</summary>
public sealed class CanaryForces : IAsyncDisposable
{
    private readonly Dictionary<Provider, Task<CanaryForce>> _forces = [];
    private readonly Lock _lock = new();

    public Task<CanaryForce> GetAsync(Provider provider)
    {
        if (provider == Provider.Postgres && ProbityApp.PostgresServer is null)
            Assert.Skip("PostgreSQL not available: set PROBITY_TEST_POSTGRES (bash .ci/run starts a server and sets it)");
        lock (_lock)
        {
            if (!_forces.TryGetValue(provider, out var force)) _forces[provider] = force = CanaryForce.PlantAsync(provider);
            return force;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var force in _forces.Values)
            if (force.IsCompletedSuccessfully) await (await force).DisposeAsync();
    }
}
