using System.Globalization;

namespace Probity.AccessMonitoring.LinkAnalysis;

internal enum LinkNodeKind { Target, Subject, Accessor, Person, LinkedStaff }

/// <summary>A member of staff who accessed the record or person: how often, and how many of those accesses nothing covers.</summary>
internal sealed record AccessorFact(string StaffId, string Label, int Accesses, int Uncovered, DateTimeOffset First, DateTimeOffset Last);

/// <summary>A known link between a member of staff and a person (declared, from vetting, intelligence or an investigation).</summary>
internal sealed record AssociationFact(string StaffId, string PersonId, string Relation, string? Source);

/// <summary>
/// What the graph is asked about: a person (the subject), or a record with the people it is about (its subjects),
/// who accessed it, and the known associations of those staff and of the people they are associated with.
/// </summary>
internal sealed record LinkQuestion(
    string TargetId,
    bool TargetIsPerson,
    IReadOnlyCollection<string> RecordSubjects,
    IReadOnlyList<AccessorFact> Accessors,
    IReadOnlyList<AssociationFact> Associations,
    IReadOnlyDictionary<string, string> StaffLabels);

internal sealed record LinkLimits(int Accessors = 30, int PersonsPerStaff = 6, int LinkedStaffPerPerson = 4);

internal sealed record LinkNode(string Id, LinkNodeKind Kind, string Label, string Title, double X, double Y, bool AssociateIsSubject = false, bool Uncovered = false);

/// <summary>Kinds: "accessed" (record or person to the staff who accessed it), "association" (staff to person), "about" (record to the person it is about).</summary>
internal sealed record LinkEdge(string From, string To, string Kind, string Title, bool Highlight = false);

/// <summary>
/// Link analysis around one record or person, as a radial graph laid out here (no script in the page): the target
/// in the centre; the staff who accessed it on the first ring; the people those staff are associated with on the
/// second, each near the member of staff it came from; and, two hops out, other staff associated with those same
/// people on the third. A member of staff whose associate is the subject, and one with accesses nothing covers,
/// are marked. Pure: the same question always gives the same picture.
/// </summary>
internal sealed class LinkGraph
{
    public const double Size = 760;
    public const double Centre = Size / 2;
    public const double SubjectRadius = 62;
    public const double AccessorRadius = 150;
    public const double PersonRadius = 258;
    public const double LinkedStaffRadius = 340;

    /// <summary>The widest arc one accessor's people (or one person's staff) may spread over, so neighbours do not interleave.</summary>
    private const double MaxSpread = Math.PI / 3;

    public required IReadOnlyList<LinkNode> Nodes { get; init; }
    public required IReadOnlyList<LinkEdge> Edges { get; init; }
    public int OmittedAccessors { get; init; }
    public int OmittedPersons { get; init; }
    public int OmittedLinkedStaff { get; init; }

    public static string StaffNode(string staffId) => "s:" + staffId;
    public static string PersonNode(string personId) => "p:" + personId;
    public const string TargetNode = "t:";

    public static LinkGraph Build(LinkQuestion q, LinkLimits? limits = null)
    {
        limits ??= new LinkLimits();
        var subjects = q.TargetIsPerson ? new HashSet<string>(StringComparer.Ordinal) { q.TargetId } : q.RecordSubjects.ToHashSet(StringComparer.Ordinal);
        var byStaff = q.Associations.ToLookup(a => a.StaffId, StringComparer.Ordinal);
        var byPerson = q.Associations.ToLookup(a => a.PersonId, StringComparer.Ordinal);
        string StaffLabel(string id) => q.StaffLabels.GetValueOrDefault(id) ?? id;
        AssociationFact? SubjectLink(string staffId) => byStaff[staffId].Where(a => subjects.Contains(a.PersonId)).OrderBy(a => a.PersonId, StringComparer.Ordinal).FirstOrDefault();

        var nodes = new List<LinkNode>();
        var edges = new List<LinkEdge>();
        var placed = new Dictionary<string, LinkNode>(StringComparer.Ordinal);
        void Add(LinkNode n) { nodes.Add(n); placed[n.Id] = n; }

        Add(new LinkNode(TargetNode, LinkNodeKind.Target, q.TargetId,
            q.TargetIsPerson ? $"Person {q.TargetId}: the subject" : $"Record {q.TargetId}", Centre, Centre));

        // First ring: the staff linked to the subject first, then those with uncovered accesses, then the busiest.
        var ordered = q.Accessors
            .OrderByDescending(a => SubjectLink(a.StaffId) is not null).ThenByDescending(a => a.Uncovered > 0)
            .ThenByDescending(a => a.Accesses).ThenBy(a => a.StaffId, StringComparer.Ordinal).ToList();
        var accessors = ordered.Take(limits.Accessors).ToList();

        // A record's subjects sit just inside the first ring, between two accessors' spokes, so a link from a member
        // of staff to one of them is short and does not run along another line.
        var subjectIds = q.TargetIsPerson ? [] : subjects.Order(StringComparer.Ordinal).ToList();
        var offset = Math.PI / Math.Max(2, accessors.Count);
        for (var i = 0; i < subjectIds.Count; i++)
        {
            var (x, y) = Polar(SubjectRadius, Angle(i, subjectIds.Count) + offset);
            Add(new LinkNode(PersonNode(subjectIds[i]), LinkNodeKind.Subject, subjectIds[i], $"Person {subjectIds[i]}: the record is about them", x, y));
            edges.Add(new LinkEdge(TargetNode, PersonNode(subjectIds[i]), "about", $"Record {q.TargetId} is about {subjectIds[i]}"));
        }
        string SubjectNode(string personId) => q.TargetIsPerson ? TargetNode : PersonNode(personId);
        var accessorIds = accessors.Select(a => a.StaffId).ToHashSet(StringComparer.Ordinal);
        var angles = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < accessors.Count; i++)
        {
            var a = accessors[i];
            var angle = Angle(i, accessors.Count);
            var (x, y) = Polar(AccessorRadius, angle);
            var link = SubjectLink(a.StaffId);
            var title = $"{a.Label} ({a.StaffId}): {Times(a.Accesses)} between {Detection.LondonTime.ToLocal(a.First):d MMM yyyy HH:mm} and {Detection.LondonTime.ToLocal(a.Last):d MMM yyyy HH:mm}"
                + (a.Uncovered > 0 ? $"; {a.Uncovered} with no covering assignment or reason" : "; every access covered")
                + (link is null ? "" : $"; {Relation(link.Relation)} of {link.PersonId}, the subject");
            Add(new LinkNode(StaffNode(a.StaffId), LinkNodeKind.Accessor, a.Label, title, x, y, link is not null, a.Uncovered > 0));
            angles[StaffNode(a.StaffId)] = angle;
            edges.Add(new LinkEdge(TargetNode, StaffNode(a.StaffId), "accessed", $"{a.StaffId} accessed {q.TargetId} {Times(a.Accesses)}"));
        }
        var arc = accessors.Count == 0 ? MaxSpread : Math.Min(MaxSpread, 2 * Math.PI / accessors.Count);

        // Second ring: each accessor's associates, spread over its own arc; a person shared by several is placed once.
        var omittedPersons = 0;
        var persons = new List<(string PersonId, double Angle, double Arc)>();
        foreach (var a in accessors)
        {
            var own = byStaff[a.StaffId].OrderBy(x => x.PersonId, StringComparer.Ordinal).ToList();
            foreach (var link in own.Where(x => subjects.Contains(x.PersonId)))
                edges.Add(new LinkEdge(StaffNode(a.StaffId), SubjectNode(link.PersonId), "association", $"{a.StaffId} — {Relation(link.Relation)} — {link.PersonId}{Source(link)}", Highlight: true));
            var others = own.Where(x => !subjects.Contains(x.PersonId)).ToList();
            omittedPersons += Math.Max(0, others.Count - limits.PersonsPerStaff);
            var shown = others.Take(limits.PersonsPerStaff).ToList();
            var fresh = shown.Where(x => !placed.ContainsKey(PersonNode(x.PersonId))).ToList();
            for (var j = 0; j < fresh.Count; j++)
            {
                var angle = Spread(angles[StaffNode(a.StaffId)], arc, j, fresh.Count);
                var (x, y) = Polar(PersonRadius, angle);
                var personId = fresh[j].PersonId;
                var holders = byPerson[personId].Select(h => h.StaffId).Distinct(StringComparer.Ordinal).Count();
                Add(new LinkNode(PersonNode(personId), LinkNodeKind.Person, personId, $"Person {personId}: linked to {holders} member{(holders == 1 ? "" : "s")} of staff", x, y));
                persons.Add((personId, angle, arc / Math.Max(1, fresh.Count)));
            }
            foreach (var link in shown)
                edges.Add(new LinkEdge(StaffNode(a.StaffId), PersonNode(link.PersonId), "association", $"{a.StaffId} — {Relation(link.Relation)} — {link.PersonId}{Source(link)}"));
        }

        // Third ring, two hops: other staff associated with those same people.
        var omittedLinked = 0;
        foreach (var (personId, angle, personArc) in persons)
        {
            var others = byPerson[personId].Where(x => !accessorIds.Contains(x.StaffId)).OrderBy(x => x.StaffId, StringComparer.Ordinal).ToList();
            omittedLinked += Math.Max(0, others.Count - limits.LinkedStaffPerPerson);
            var shown = others.Take(limits.LinkedStaffPerPerson).ToList();
            var fresh = shown.Where(x => !placed.ContainsKey(StaffNode(x.StaffId))).Select(x => x.StaffId).Distinct(StringComparer.Ordinal).ToList();
            for (var j = 0; j < fresh.Count; j++)
            {
                var (x, y) = Polar(LinkedStaffRadius, Spread(angle, Math.Max(personArc, Math.PI / 36), j, fresh.Count));
                var staffId = fresh[j];
                Add(new LinkNode(StaffNode(staffId), LinkNodeKind.LinkedStaff, StaffLabel(staffId),
                    $"{StaffLabel(staffId)} ({staffId}): did not access it, but is linked to {personId}", x, y, SubjectLink(staffId) is not null));
            }
            foreach (var link in shown)
                edges.Add(new LinkEdge(StaffNode(link.StaffId), PersonNode(personId), "association", $"{link.StaffId} — {Relation(link.Relation)} — {personId}{Source(link)}"));
        }

        return new LinkGraph
        {
            Nodes = nodes, Edges = edges.DistinctBy(e => (e.From, e.To)).ToList(),
            OmittedAccessors = ordered.Count - accessors.Count, OmittedPersons = omittedPersons, OmittedLinkedStaff = omittedLinked,
        };
    }

    /// <summary>Evenly round the circle, starting at twelve o'clock.</summary>
    public static double Angle(int index, int count) => -Math.PI / 2 + 2 * Math.PI * index / Math.Max(1, count);

    /// <summary>The j-th of k places centred on an angle, within an arc.</summary>
    public static double Spread(double centre, double arc, int j, int k) => k <= 1 ? centre : centre + arc * 0.8 * ((double)j / (k - 1) - 0.5);

    private static (double X, double Y) Polar(double radius, double angle) =>
        (Math.Round(Centre + radius * Math.Cos(angle), 1), Math.Round(Centre + radius * Math.Sin(angle), 1));

    private static string Times(int n) => n == 1 ? "once" : n.ToString("N0", CultureInfo.InvariantCulture) + " times";

    private static string Relation(string relation) => Kernel.Vocabulary.Describe(relation).ToLowerInvariant();

    private static string Source(AssociationFact a) => a.Source is null ? "" : $" ({Kernel.Vocabulary.Describe(a.Source).ToLowerInvariant()})";
}
