using Probity.AccessMonitoring.LinkAnalysis;

namespace Probity.Tests.AccessMonitoring;

public sealed class LinkGraphTests
{
    private static readonly DateTimeOffset T = new(2010, 12, 31, 10, 0, 0, TimeSpan.Zero);

    private static AccessorFact Accessor(string id, int accesses = 1, int uncovered = 0) => new(id, "Name " + id, accesses, uncovered, T, T.AddHours(1));

    private static LinkQuestion AboutPerson(string subject, IReadOnlyList<AccessorFact> accessors, params AssociationFact[] associations) =>
        new(subject, TargetIsPerson: true, [], accessors, associations, new Dictionary<string, string>());

    private static double Distance(LinkNode n) => Math.Sqrt(Math.Pow(n.X - LinkGraph.Centre, 2) + Math.Pow(n.Y - LinkGraph.Centre, 2));

    [Fact]
    public void Staff_nodes_are_labelled_with_their_names()
    {
        var graph = LinkGraph.Build(new LinkQuestion("P1", TargetIsPerson: true, [], [Accessor("s1")],
            [new AssociationFact("s1", "P9", "friend", "declared"), new AssociationFact("s7", "P9", "family", "vetting")],
            new Dictionary<string, string> { ["s1"] = "Name s1", ["s7"] = "Dana Fox" }));
        Assert.Equal("Name s1", Assert.Single(graph.Nodes, n => n.Kind == LinkNodeKind.Accessor).Label);
        Assert.Equal("Dana Fox", Assert.Single(graph.Nodes, n => n.Kind == LinkNodeKind.LinkedStaff).Label);
    }

    [Fact]
    public void The_target_is_in_the_centre_and_each_ring_at_its_radius()
    {
        var graph = LinkGraph.Build(AboutPerson("P1", [Accessor("s1"), Accessor("s2"), Accessor("s3")],
            new AssociationFact("s1", "P9", "friend", "declared"), new AssociationFact("s7", "P9", "family", "vetting")));

        var target = Assert.Single(graph.Nodes, n => n.Kind == LinkNodeKind.Target);
        Assert.Equal((LinkGraph.Centre, LinkGraph.Centre), (target.X, target.Y));
        Assert.All(graph.Nodes.Where(n => n.Kind == LinkNodeKind.Accessor), n => Assert.Equal(LinkGraph.AccessorRadius, Distance(n), 0.2));
        Assert.Equal(LinkGraph.PersonRadius, Distance(Assert.Single(graph.Nodes, n => n.Kind == LinkNodeKind.Person)), 0.2);
        // Two hops: s7 did not access P1 but shares an associate (P9) with s1, who did.
        var linked = Assert.Single(graph.Nodes, n => n.Kind == LinkNodeKind.LinkedStaff);
        Assert.Equal("s7", linked.Label); // no name known: the id
        Assert.Equal(LinkGraph.LinkedStaffRadius, Distance(linked), 0.2);
        Assert.Contains(graph.Edges, e => e.From == LinkGraph.StaffNode("s7") && e.To == LinkGraph.PersonNode("P9"));
        Assert.All(graph.Nodes, n => Assert.InRange(n.X, 0, LinkGraph.Size));
        Assert.All(graph.Nodes, n => Assert.InRange(n.Y, 0, LinkGraph.Size));
    }

    [Fact]
    public void A_member_of_staff_whose_associate_is_the_subject_is_marked_drawn_first_and_linked_to_the_centre()
    {
        var graph = LinkGraph.Build(AboutPerson("P1", [Accessor("s1", accesses: 40), Accessor("s2", accesses: 2)],
            new AssociationFact("s2", "P1", "former_partner", "declared")));

        var s2 = graph.Nodes.Single(n => n.Id == LinkGraph.StaffNode("s2"));
        Assert.True(s2.AssociateIsSubject);
        Assert.Contains("former partner of P1", s2.Title, StringComparison.Ordinal);
        Assert.False(graph.Nodes.Single(n => n.Id == LinkGraph.StaffNode("s1")).AssociateIsSubject);
        // Twelve o'clock is the first place on the ring.
        Assert.Equal((LinkGraph.Centre, LinkGraph.Centre - LinkGraph.AccessorRadius), (s2.X, s2.Y));
        var edge = Assert.Single(graph.Edges, e => e.Highlight);
        Assert.Equal((LinkGraph.StaffNode("s2"), LinkGraph.TargetNode), (edge.From, edge.To));
        Assert.DoesNotContain(graph.Nodes, n => n.Kind == LinkNodeKind.Person); // the subject is the centre, not a second node
    }

    [Fact]
    public void For_a_record_its_subjects_are_drawn_and_a_link_to_them_is_highlighted()
    {
        var q = new LinkQuestion("CR1", TargetIsPerson: false, ["P5"], [Accessor("s1"), Accessor("s2", uncovered: 1)],
            [new AssociationFact("s2", "P5", "family", null)], new Dictionary<string, string>());
        var graph = LinkGraph.Build(q);

        var subject = Assert.Single(graph.Nodes, n => n.Kind == LinkNodeKind.Subject);
        Assert.Equal(LinkGraph.SubjectRadius, Distance(subject), 0.2);
        Assert.Contains(graph.Edges, e => e.Kind == "about" && e.To == subject.Id);
        Assert.Contains(graph.Edges, e => e.Highlight && e.From == LinkGraph.StaffNode("s2") && e.To == subject.Id);
        var s2 = graph.Nodes.Single(n => n.Id == LinkGraph.StaffNode("s2"));
        Assert.True(s2.AssociateIsSubject && s2.Uncovered);
    }

    [Fact]
    public void Accessors_get_distinct_places_and_a_shared_associate_is_placed_once()
    {
        var accessors = Enumerable.Range(1, 12).Select(i => Accessor($"s{i:00}", accesses: i)).ToList();
        var graph = LinkGraph.Build(AboutPerson("P1", accessors, new AssociationFact("s01", "P2", "friend", null), new AssociationFact("s05", "P2", "business", null)));

        var places = graph.Nodes.Where(n => n.Kind == LinkNodeKind.Accessor).Select(n => (n.X, n.Y)).ToList();
        Assert.Equal(12, places.Distinct().Count());
        Assert.Single(graph.Nodes, n => n.Id == LinkGraph.PersonNode("P2"));
        Assert.Equal(2, graph.Edges.Count(e => e.To == LinkGraph.PersonNode("P2")));
    }

    [Fact]
    public void Limits_keep_the_picture_readable_and_say_what_was_left_out()
    {
        var accessors = Enumerable.Range(1, 8).Select(i => Accessor($"s{i}")).ToList();
        var associations = Enumerable.Range(1, 5).Select(i => new AssociationFact("s1", $"P{i + 10}", "friend", null))
            .Concat(Enumerable.Range(1, 3).Select(i => new AssociationFact($"x{i}", "P11", "family", null))).ToArray();
        var graph = LinkGraph.Build(AboutPerson("P1", accessors, associations), new LinkLimits(Accessors: 5, PersonsPerStaff: 2, LinkedStaffPerPerson: 1));

        Assert.Equal(5, graph.Nodes.Count(n => n.Kind == LinkNodeKind.Accessor));
        Assert.Equal(3, graph.OmittedAccessors);
        Assert.Equal(2, graph.Nodes.Count(n => n.Kind == LinkNodeKind.Person));
        Assert.Equal(3, graph.OmittedPersons);
        Assert.Single(graph.Nodes, n => n.Kind == LinkNodeKind.LinkedStaff);
        Assert.Equal(2, graph.OmittedLinkedStaff);
    }

    [Fact]
    public void The_same_question_gives_the_same_picture()
    {
        LinkQuestion Question() => AboutPerson("P1", [Accessor("s2", 3, 1), Accessor("s1", 3, 1)],
            new AssociationFact("s1", "P3", "friend", null), new AssociationFact("s2", "P4", "friend", null), new AssociationFact("s9", "P4", "partner", null));
        var a = LinkGraph.Build(Question());
        var b = LinkGraph.Build(Question() with { Associations = Question().Associations.Reverse().ToList() });
        Assert.Equal(a.Nodes, b.Nodes);
        Assert.Equal(a.Edges.OrderBy(e => e.From).ThenBy(e => e.To), b.Edges.OrderBy(e => e.From).ThenBy(e => e.To));
    }

    [Fact]
    public void The_svg_has_a_tooltip_for_every_node_and_no_inline_style()
    {
        var graph = LinkGraph.Build(AboutPerson("P<1>", [Accessor("s1", uncovered: 2)], new AssociationFact("s1", "P<1>", "partner", "declared")));
        var svg = LinkGraphSvg.Render(graph, "Links around person P<1>").ToString()!;
        Assert.StartsWith("<svg class=\"links\"", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("P<1>", svg, StringComparison.Ordinal); // encoded
        Assert.Equal(graph.Nodes.Count + graph.Edges.Count + 1, svg.Split("<title>").Length - 1);
        Assert.Contains("class=\"node accessor associate-of-subject uncovered\"", svg, StringComparison.Ordinal);
    }
}
