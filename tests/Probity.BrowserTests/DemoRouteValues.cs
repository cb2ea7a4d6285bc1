namespace Probity.BrowserTests;

/// <summary>
/// The values the need-to-know route table (<c>CanaryRoutes.Table</c>, linked from the integration tests) fills its
/// routes with, pointed at real records of the demo force instead of planted canaries: the browser suite visits the
/// same list of pages, so a new page is swept here as soon as it is in that table. The project aliases this type as
/// <c>CanaryForce</c> for the linked file; a member the table starts to use must be added here too.
/// </summary>
public sealed class DemoRouteValues
{
    /// <summary>The account whose administration page is shown first.</summary>
    public const string Grantee = "senior";
    public const string SelfUser = "handler";

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The first case of the table: live, with an identified subject officer (so its operations have forms).</summary>
    public required string OldCase { get; init; }
    public required string NewCase { get; init; }
    public string MonitoringCase => OldCase;
    public string LiveCase => OldCase;
    public string SelfCase => NewCase;
    public string ClaimCase => NewCase;
    /// <summary>The live case's subject officer.</summary>
    public required string Subject { get; init; }
    public string SelfStaff => Subject;
    public string LiveSubject => Subject;
    public string SubjectName => Subject;
    public string Accessor => AlertStaff;
    public required string AlertId { get; init; }
    public required string AlertStaff { get; init; }
    public required string AlertKey { get; init; }
    public required string SampleId { get; init; }
    public required string Unit { get; init; }
    public string DemoBorough => Unit;
    public string StaffUnit => Unit;
    /// <summary>A Directorate unit that handles cases (the canaries' restricted cases sit with one, never with a borough).</summary>
    public string DirectorateUnit => "dps-anti-corruption";
    /// <summary>A business interest on the register (Registers).</summary>
    public required string SelfInterest { get; init; }
    /// <summary>A recommendation and a risk on the learning and risk registers (Registers).</summary>
    public required string LearningItem { get; init; }
    public required string RiskItem { get; init; }
    /// <summary>A dip sample and a Service Confidence record (Registers).</summary>
    public required string DipSample { get; init; }
    public required string SelfConfidence { get; init; }
    /// <summary>A gold group (Registers).</summary>
    public required string GoldItem { get; init; }
    public string DemoHandlingUnit => "cst";
    /// <summary>A document number to ask for (404 unless it is one of the case's: the sweep checks the page answers, not a download).</summary>
    public IReadOnlyList<string> Documents => ["1"];
    public required string Person { get; init; }
    public string Record => Person;
    public string AdminImportJob => "";
    public string Marker => "PRB-";
    public string OldSummary => Marker;
    public string SelfSummary => Marker;
    public required DateOnly Today { get; init; }
    public DateOnly EventDay => Today.AddDays(-5);
}
