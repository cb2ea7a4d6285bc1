using System.Text.RegularExpressions;
using Fluid;
using Microsoft.EntityFrameworkCore;
using Probity.Database;
using Probity.Kernel;

namespace Probity.Cases.Letters;

/// <summary>
/// The letters a complainant is sent, as templates the force edits (Liquid, rendered by Fluid): built-in wording until a
/// senior manager changes it. A template that cannot be read, or names a fact a letter does not know, is refused with
/// the line it is on, never rendered half-way; a template cannot loop without end (a step limit).
/// </summary>
internal sealed partial class LetterTemplates(ProbityDb db)
{
    /// <summary>The letters a case sends; the outcome letter's template is the case's regime's (appeal or review).</summary>
    public static readonly IReadOnlyDictionary<string, string> Kinds = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["acknowledgement"] = "Acknowledgement",
        ["handling_decision"] = "Handling decision",
        ["outcome"] = "Outcome, with the right of appeal (2008 regime) or review (2020 regime)",
    };

    public static string TemplateFor(string kind, string regime) => kind == "outcome" ? "outcome_" + regime : kind;

    public static readonly IReadOnlyDictionary<string, string> TemplateNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["acknowledgement"] = "Acknowledgement",
        ["handling_decision"] = "Handling decision",
        ["outcome_2008"] = "Outcome, 2008 regime (right of appeal)",
        ["outcome_2020"] = "Outcome, 2020 regime (right of review)",
    };

    public async Task<(string Body, LetterTemplate? Edited)> GetAsync(string name, CancellationToken ct)
    {
        if (!BuiltIn.TryGetValue(name, out var builtIn)) throw new RecordNotFoundException($"Letter template {name}");
        var edited = await db.Set<LetterTemplate>().AsNoTracking().FirstOrDefaultAsync(t => t.Name == name, ct);
        return (edited?.Body ?? builtIn, edited);
    }

    private static readonly FluidParser Parser = new();

    private static readonly TemplateOptions Options = CreateOptions();

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions { MaxSteps = 100_000, StrictVariables = true, StrictFilters = true };
        options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.SnakeCase;
        options.MemberAccessStrategy.Register<LetterFacts>();
        options.MemberAccessStrategy.Register<AllegationFacts>();
        return options;
    }

    /// <summary>The facts a template may use, for the editor's help text.</summary>
    public static IReadOnlyList<string> FactNames { get; } =
        [.. typeof(LetterFacts).GetProperties().Select(p => MemberNameStrategies.SnakeCase(p))];

    /// <summary>The letter's text; a template that cannot be rendered is refused with where and why.</summary>
    public static string Render(string body, LetterFacts facts)
    {
        if (!Parser.TryParse(body, out var template, out var error)) throw new ActionRefusedException(Explain(error, body));
        try
        {
            return template.Render(new TemplateContext(facts, Options), NullEncoder.Default).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        }
        // The template is text a person typed: whatever it makes Fluid throw (an unknown fact or filter, a step limit, a
        // filter given the wrong kind of value) is the template's fault, to be told to its author, not a fault of Probity.
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new ActionRefusedException(Explain(ex.Message, body));
        }
    }

    /// <summary>"Line 3: ..." from Fluid's message, by the position it gives or, for an unknown name, by where the name is.</summary>
    internal static string Explain(string message, string body)
    {
        var position = Position().Match(message);
        var line = position.Success ? int.Parse(position.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var undefined = Undefined().Match(message);
        if (undefined.Success)
        {
            var name = undefined.Groups[2].Value;
            var lines = body.Split('\n');
            line = Array.FindIndex(lines, l => l.Contains(name, StringComparison.Ordinal)) + 1;
            message = undefined.Groups[1].Value == "filter"
                ? $"'{name}' is not a filter Liquid knows."
                : $"'{name}' is not a fact a letter knows. Facts: {string.Join(", ", FactNames)}.";
        }
        var text = Position().Replace(message, "").Trim().TrimEnd('.');
        return line > 0 ? $"The template has a mistake on line {line}: {text}." : $"The template has a mistake: {text}.";
    }

    [GeneratedRegex(@"\s*at\s*\((\d+):(\d+)\)")]
    private static partial Regex Position();

    [GeneratedRegex(@"Undefined (variable|filter) '([^']+)'")]
    private static partial Regex Undefined();

    private const string Letterhead = """
        {{ complainant_name }}
        {{ complainant_address }}

        {{ today }}

        Our reference: {{ reference }}

        Dear {{ complainant_name }},

        """;

    private const string SignOff = """

        Yours sincerely,

        {{ signatory }}
        Professional Standards Directorate
        """;

    private const string Findings = """
        {% for a in allegations %}
        Allegation {{ a.number }}, {{ a.category }}: {{ a.finding }}.
        {% endfor %}
        """;

    public static readonly IReadOnlyDictionary<string, string> BuiltIn = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["acknowledgement"] = Letterhead + """
            ## Your complaint, received on {{ received_on }}

            Thank you for contacting us. This letter confirms that we received your complaint on {{ received_on }}{% if recorded_on != "" %} and recorded it on {{ recorded_on }}{% endif %}. Its reference is {{ reference }}: please quote it whenever you contact us.

            We will write to you to explain how your complaint will be handled, and we will keep you informed of its progress at least every 28 days.
            """ + SignOff,
        ["handling_decision"] = Letterhead + """
            ## How your complaint will be handled

            We have considered your complaint, received on {{ received_on }}. On {{ route_decided_on }} we decided that it will be handled as follows: {{ handling_route }}.{% if handling_unit != "" %} It will be dealt with by {{ handling_unit }}.{% endif %}{% if investigating_officer != "" %} The officer responsible is {{ investigating_officer }}.{% endif %}

            We will keep you informed of its progress at least every 28 days.
            """ + SignOff,
        ["outcome_2008"] = Letterhead + """
            ## The outcome of your complaint

            We have now completed our handling of your complaint, received on {{ received_on }}. The findings are:
            """ + Findings + """

            ## Your right of appeal

            If you are not satisfied with the outcome you have the right to appeal. Your appeal must reach the relevant appeal body (the {{ oversight_body }} or the chief officer, as the complaint requires) by {{ appeal_by }}, 28 days from the date of this letter. Please give the reference {{ reference }}, the details of your complaint and why you are appealing.
            """ + SignOff,
        ["outcome_2020"] = Letterhead + """
            ## The outcome of your complaint

            We have now completed our handling of your complaint, received on {{ received_on }}. The findings are:
            """ + Findings + """

            ## Your right to a review

            If you are not satisfied with the outcome you may apply for a review. Your application must reach the relevant review body (the {{ oversight_body }} or the local policing body, as the complaint requires) by {{ appeal_by }}, within 28 days starting the day after the date of this letter. Please give the reference {{ reference }}, the details of your complaint and why you are asking for a review.
            """ + SignOff,
    };
}
