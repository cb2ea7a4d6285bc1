using Probity.AccessMonitoring.Detection;
using static Probity.Tests.AccessMonitoring.EventStoreFolder;

namespace Probity.Tests.AccessMonitoring;

/// <summary>
/// One hand-made day through the real store: each event rule fires for the access it should, and stays silent for
/// the access an assignment, a reason or an ended link explains.
/// </summary>
public sealed class DetectInStoreTests
{
    private static readonly DateOnly Day = new(2026, 3, 12);
    private static readonly MisuseRuleSet Rules = MisuseRuleSet.BuiltIn();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly ReferenceData Reference = new(
        [new("S1", "U1", "response"), new("S2", "U1", "response"), new("S3", "U1", "response"), new("S4", "U1", "response")],
        [new("P9", ["ocn_nominal"])],
        [
            new("S1", "P1", "partner", "declared", new DateOnly(2026, 3, 10), null),
            new("S2", "P1", "former_partner", "vetting", new DateOnly(2020, 1, 1), new DateOnly(2026, 3, 1)),
        ],
        [
            new("S3", "T-33", null, null, "P9", Utc("2026-03-01T00:00:00Z"), Utc("2026-03-31T00:00:00Z")),
            new("S3", "T-77", "crime", "CR7", null, Utc("2026-03-10T00:00:00Z"), Utc("2026-03-20T00:00:00Z")),
            new("S4", "T-44", null, null, null, Utc("2026-03-10T00:00:00Z"), Utc("2026-03-20T00:00:00Z")),
        ],
        [new("LEAK-1", "CR7", null, Utc("2026-03-13T10:00:00Z"), 14)]);

    private static async Task<(EventStoreFolder Folder, DetectionOutput Output)> DetectAsync()
    {
        var folder = new EventStoreFolder();
        await folder.IngestAsync(folder.Csv("access_events-2026-03-12.csv", Header,
            "2026-03-12T09:00:00Z,S1,cris,view,crime,CR1,P1,WS1,",
            "2026-03-12T09:10:00Z,S2,cris,view,crime,CR1,P1,WS2,",
            "2026-03-12T09:20:00Z,S3,pnc,search,person,,P9,WS3,",
            "2026-03-12T09:30:00Z,S4,pnc,search,person,,P9,WS4,",
            "2026-03-12T09:40:00Z,S4,crimint,print,intelligence,IN5,P5,WS4,",
            "2026-03-12T09:45:00Z,S4,crimint,export,intelligence,IN6,P6,WS4,T-44",
            "2026-03-12T10:00:00Z,S2,cris,view,crime,CR7,P7,WS2,",
            "2026-03-12T10:10:00Z,S3,cris,view,crime,CR7,P7,WS3,",
            "2026-03-12T10:20:00Z,S1,cris,view,crime,CR7,P7,WS1,T-77"));
        await folder.Store.ReplaceReferenceAsync(Reference, Ct);
        var output = await folder.Store.DetectAsync(new DetectionRequest(Day, Day, Rules), null, Ct);
        return (folder, output);
    }

    /// <summary>S1 gave S3's task as the reason for looking at the leaked record: someone else's task explains nothing.</summary>
    [Fact]
    public async Task Each_event_rule_fires_for_the_unexplained_access_and_only_that()
    {
        var (folder, output) = await DetectAsync();
        using var _ = folder;

        Assert.Equal(
            [
                (MisuseRuleIds.AssociatedPerson, "S1", "P1"),
                (MisuseRuleIds.PreLeakAccess, "S1", "LEAK-1"),
                (MisuseRuleIds.PreLeakAccess, "S2", "LEAK-1"),
                (MisuseRuleIds.SensitivePrintExport, "S4", "IN5"),
                (MisuseRuleIds.SensitiveSubject, "S4", "P9"),
            ],
            output.Signals.Select(s => (s.Rule, s.StaffId, s.Key)).Order());
        Assert.Equal(9, output.EventsExamined);
        Assert.Equal(4, output.UsersActive);
    }

    [Fact]
    public async Task A_dated_link_survives_the_trip_through_the_store_with_its_relation_and_source()
    {
        var (folder, output) = await DetectAsync();
        using var _ = folder;

        var signal = Assert.Single(output.Signals, s => s.Rule == MisuseRuleIds.AssociatedPerson);

        Assert.Equal(("partner", "declared"), (signal.Facts["relation"], signal.Facts["source"]));
        Assert.Equal("CR1", Assert.Single(signal.Evidence).RecordId);
    }

    [Fact]
    public async Task How_each_access_was_explained_is_counted_and_kept_for_the_day()
    {
        var (folder, output) = await DetectAsync();
        using var _ = folder;

        var shares = await folder.Store.ExplanationSharesAsync(Day, Day, Ct);

        Assert.Equal(output.Shares, shares);
        Assert.Equal(9, shares.Sum(s => s.Total));
        // S3's search of P9 (by subject) and view of CR7 (by record) are assigned; S4's export gave S4's own reason T-44.
        Assert.Equal(2, shares.Sum(s => s.ByAssignment));
        Assert.Equal(1, shares.Sum(s => s.ByReason));
    }
}

/// <summary>
/// A record the user made about a person (ADR 0030) explains their own looks at it and at that person, from a shift
/// before the making to four weeks after, on later days too; never the making itself, nor anyone else's looks.
/// </summary>
public sealed class OwnRecordInStoreTests
{
    private static readonly MisuseRuleSet Rules = MisuseRuleSet.BuiltIn();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly ReferenceData Reference = new(
        [new("S5", "U1", "custody"), new("S6", "U1", "custody"), new("S7", "U1", "custody")],
        [new("P9", ["ocn_nominal"])], [], [], []);

    [Fact]
    public async Task The_maker_s_looks_are_explained_for_the_span_and_nobody_else_s_are()
    {
        using var folder = new EventStoreFolder();
        await folder.IngestAsync(folder.Csv("access_events-2026-03-12.csv", Header,
            "2026-03-12T09:00:00Z,S5,pnc,search,person,,P9,WS5,",          // an hour before the booking: the check before it is written up
            "2026-03-12T10:00:00Z,S5,custody,create,custody,CU1,P9,WS5,",   // the booking itself: never explained by itself
            "2026-03-12T11:00:00Z,S5,custody,view,custody,CU1,P9,WS5,",
            "2026-03-12T11:30:00Z,S6,custody,view,custody,CU1,P9,WS6,",     // a colleague: someone else's record explains nothing
            "2026-03-12T12:00:00Z,S7,custody,create,custody,CU2,P8,WS7,"));
        await folder.IngestAsync(folder.Csv("access_events-2026-03-13.csv", Header,
            "2026-03-13T08:00:00Z,S5,custody,view,custody,CU1,P9,WS5,",     // the next day: the booking is remembered
            "2026-03-13T08:30:00Z,S7,pnc,search,person,,P9,WS7,"));
        await folder.IngestAsync(folder.Csv("access_events-2026-04-20.csv", Header,
            "2026-04-20T08:00:00Z,S5,pnc,search,person,,P9,WS5,"));         // five weeks on: past the span
        await folder.Store.ReplaceReferenceAsync(Reference, Ct);

        var first = await folder.Store.DetectAsync(new DetectionRequest(new(2026, 3, 12), new(2026, 3, 12), Rules), null, Ct);
        var second = await folder.Store.DetectAsync(new DetectionRequest(new(2026, 3, 13), new(2026, 3, 13), Rules), null, Ct);
        var later = await folder.Store.DetectAsync(new DetectionRequest(new(2026, 4, 20), new(2026, 4, 20), Rules), null, Ct);

        var s5 = Assert.Single(first.Signals, s => s.Rule == MisuseRuleIds.SensitiveSubject && s.StaffId == "S5");
        Assert.Equal("create", Assert.Single(s5.Evidence).Action);
        Assert.Single(first.Signals, s => s.Rule == MisuseRuleIds.SensitiveSubject && s.StaffId == "S6");
        Assert.Equal(2, first.Shares.Sum(s => s.ByOwnRecord));
        Assert.Equal(1, second.Shares.Sum(s => s.ByOwnRecord));
        Assert.DoesNotContain(second.Signals, s => s.StaffId == "S5");
        Assert.Single(second.Signals, s => s.Rule == MisuseRuleIds.SensitiveSubject && s.StaffId == "S7");
        Assert.Single(later.Signals, s => s.Rule == MisuseRuleIds.SensitiveSubject && s.StaffId == "S5");
        Assert.Equal(0, later.Shares.Sum(s => s.ByOwnRecord));
    }

    /// <summary>
    /// An arrest looked up at 22:30 and written up at 01:00 the next day: the write-up, stored by the time the day is
    /// detected, explains the look (within the rule's hours before a making), while a record made later than that does not.
    /// The three are one custody unit, and each learns how many of the others had recorded work on the same person.
    /// </summary>
    [Fact]
    public async Task A_record_made_in_the_hours_after_the_day_explains_the_day_s_last_looks()
    {
        using var folder = new EventStoreFolder();
        await folder.IngestAsync(folder.Csv("access_events-2026-03-12.csv", Header,
            "2026-03-12T22:30:00Z,S5,pnc,search,person,,P9,WS5,",
            "2026-03-12T22:40:00Z,S6,pnc,search,person,,P9,WS6,",
            "2026-03-12T22:50:00Z,S7,pnc,search,person,,P9,WS7,",
            "2026-03-12T23:10:00Z,S7,custody,update,custody,CU1,P9,WS7,"));
        await folder.IngestAsync(folder.Csv("access_events-2026-03-13.csv", Header,
            "2026-03-13T01:00:00Z,S5,custody,create,custody,CU1,P9,WS5,",  // 2.5 hours later: explains S5's look
            "2026-03-13T14:00:00Z,S7,custody,create,custody,CU2,P9,WS7,")); // 15 hours later: past the 12 hours before a making
        await folder.Store.ReplaceReferenceAsync(Reference, Ct);

        var output = await folder.Store.DetectAsync(new DetectionRequest(new(2026, 3, 12), new(2026, 3, 12), Rules), null, Ct);

        Assert.DoesNotContain(output.Signals, s => s.StaffId == "S5");
        Assert.Equal(1, output.Shares.Sum(s => s.ByOwnRecord));
        var s6 = Assert.Single(output.Signals, s => s.Rule == MisuseRuleIds.SensitiveSubject && s.StaffId == "S6");
        Assert.Single(output.Signals, s => s.Rule == MisuseRuleIds.SensitiveSubject && s.StaffId == "S7");
        // S6's colleagues' work on P9: S5's look (explained by the write-up) and S7's update of the custody record.
        Assert.Equal(2, s6.Measures["unit_colleagues"]);
        Assert.Contains("2 others of their unit had recorded work on this person", ExplainAlert.Score(s6, Rules).Explanation, StringComparison.Ordinal);
        // S7's: S5's only. S6's untasked look is not work: colleagues browsing one person do not make each other routine.
        Assert.Equal(1, output.Signals.First(s => s.Rule == MisuseRuleIds.SensitiveSubject && s.StaffId == "S7").Measures["unit_colleagues"]);
    }

    /// <summary>An officer who writes up their former partner to cover looking them up: the record explains nothing.</summary>
    [Fact]
    public async Task A_record_made_about_someone_the_user_is_linked_to_explains_none_of_their_looks()
    {
        using var folder = new EventStoreFolder();
        await folder.IngestAsync(folder.Csv("access_events-2026-03-12.csv", Header,
            "2026-03-12T10:00:00Z,S5,cris,create,crime,CR1,P1,WS5,",
            "2026-03-12T11:00:00Z,S5,pnc,search,person,,P1,WS5,",
            "2026-03-12T12:00:00Z,S5,cris,view,crime,CR1,P1,WS5,"));
        await folder.Store.ReplaceReferenceAsync(Reference with { Associations = [new("S5", "P1", "former_partner", "declared", null, null)] }, Ct);

        var output = await folder.Store.DetectAsync(new DetectionRequest(new(2026, 3, 12), new(2026, 3, 12), Rules), null, Ct);

        var linked = Assert.Single(output.Signals, s => s.Rule == MisuseRuleIds.AssociatedPerson);
        Assert.Equal(["create", "search", "view"], linked.Evidence.Select(e => e.Action));
    }

    [Fact]
    public async Task A_detection_that_keeps_no_baselines_remembers_no_records()
    {
        using var folder = new EventStoreFolder();
        await folder.IngestAsync(folder.Csv("access_events-2026-03-12.csv", Header,
            "2026-03-12T10:00:00Z,S5,custody,create,custody,CU1,P9,WS5,"));
        await folder.IngestAsync(folder.Csv("access_events-2026-03-13.csv", Header,
            "2026-03-13T08:00:00Z,S5,custody,view,custody,CU1,P9,WS5,"));
        await folder.Store.ReplaceReferenceAsync(Reference, Ct);

        await folder.Store.DetectAsync(new DetectionRequest(new(2026, 3, 12), new(2026, 3, 12), Rules, UpdateBaselines: false), null, Ct);
        var second = await folder.Store.DetectAsync(new DetectionRequest(new(2026, 3, 13), new(2026, 3, 13), Rules), null, Ct);

        Assert.Single(second.Signals, s => s.Rule == MisuseRuleIds.SensitiveSubject && s.StaffId == "S5");
    }
}

/// <summary>
/// An officer who knows a record they make explains their own looks, and a careless feed, against the real store
/// (ADR 0030 addendum): each attack is a look the made record must not hide.
/// </summary>
public sealed class OwnRecordAttackTests
{
    private static readonly MisuseRuleSet Rules = MisuseRuleSet.BuiltIn();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly ReferenceData Reference = new(
        [new("S5", "U1", "custody"), new("S6", "U1", "custody")], [new("P9", ["ocn_nominal"])], [], [], []);

    private static Task<DetectionOutput> Detect(EventStoreFolder folder, DateOnly day) =>
        folder.Store.DetectAsync(new DetectionRequest(day, day, Rules), null, Ct);

    /// <summary>
    /// A booking of an unflagged person, then the same record id in another record type and on a record carrying a flagged
    /// person, and a crime report made about nobody then read with the flagged person on it: none of it is the made record.
    /// </summary>
    [Fact]
    public async Task A_record_id_reused_in_another_type_or_about_another_person_explains_no_look_at_a_flagged_person()
    {
        using var folder = new EventStoreFolder();
        await folder.IngestAsync(folder.Csv("access_events-2026-03-12.csv", Header,
            "2026-03-12T10:00:00Z,S5,custody,create,custody,CU1,P1,WS5,",
            "2026-03-12T10:30:00Z,S5,crimint,view,intelligence,CU1,P9,WS5,",
            "2026-03-12T11:00:00Z,S5,custody,view,custody,CU1,P9,WS5,",
            "2026-03-12T11:30:00Z,S5,custody,view,custody,CU1,,WS5,",      // the booking itself, read without a person: explained
            "2026-03-12T12:00:00Z,S5,cris,create,crime,CR5,,WS5,",
            "2026-03-12T12:30:00Z,S5,cris,view,crime,CR5,P9,WS5,"));
        await folder.Store.ReplaceReferenceAsync(Reference, Ct);

        var output = await Detect(folder, new(2026, 3, 12));

        var flagged = Assert.Single(output.Signals, s => s.Rule == MisuseRuleIds.SensitiveSubject && s.StaffId == "S5");
        Assert.Equal(["10:30", "11:00", "12:30"], flagged.Evidence.Select(e => e.Time.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(1, output.Shares.Sum(s => s.ByOwnRecord));
    }

    /// <summary>Ids are compared exactly: a record S5 made explains nothing for "s5", nor a look at "cu1" for S5.</summary>
    [Fact]
    public async Task A_made_record_never_crosses_to_a_user_or_record_whose_id_differs_only_in_case()
    {
        using var folder = new EventStoreFolder();
        await folder.IngestAsync(folder.Csv("access_events-2026-03-12.csv", Header,
            "2026-03-12T10:00:00Z,S5,custody,create,custody,CU1,P1,WS5,",
            "2026-03-12T10:30:00Z,s5,custody,view,custody,CU1,P9,WS5,",
            "2026-03-12T11:00:00Z,S5,custody,view,custody,cu1,,WS5,",
            "2026-03-12T11:30:00Z,S5,pnc,search,person,,p1,WS5,"));
        await folder.Store.ReplaceReferenceAsync(Reference, Ct);

        var output = await Detect(folder, new(2026, 3, 12));

        Assert.Single(output.Signals, s => s.Rule == MisuseRuleIds.SensitiveSubject && s.StaffId == "s5");
        Assert.Equal(0, output.Shares.Sum(s => s.ByOwnRecord));
    }

    /// <summary>A feed that writes spaces for a missing record id: a "record" of spaces is no record and explains nothing.</summary>
    [Fact]
    public async Task A_blank_record_id_on_a_create_explains_no_look_that_shares_the_blank()
    {
        using var folder = new EventStoreFolder();
        await folder.IngestAsync(folder.Csv("access_events-2026-03-12.csv", Header,
            "2026-03-12T10:00:00Z,S5,custody,create,custody,   ,P1,WS5,",
            "2026-03-12T10:30:00Z,S5,custody,view,custody,   ,P2,WS5,",    // someone else, under the same blank
            "2026-03-12T11:00:00Z,S5,pnc,search,person,,P1,WS5,"));        // the person the record was made about: explained
        await folder.Store.ReplaceReferenceAsync(Reference, Ct);

        var output = await Detect(folder, new(2026, 3, 12));

        Assert.Equal(1, output.Shares.Sum(s => s.ByOwnRecord));
    }

    /// <summary>
    /// The insider makes a record about the person ten days before the leak, outside its three-day window, then reads it the
    /// morning of the leak: the record takes nobody out of a leak's pool. The person's two leaks (one naming the custody
    /// record, one only the person) are one story, one alert per user keyed by the first, the same on a re-run.
    /// </summary>
    [Fact]
    public async Task A_record_the_user_made_keeps_them_in_the_leak_pool_and_leaks_of_one_person_are_one_story()
    {
        using var folder = new EventStoreFolder();
        await folder.IngestAsync(folder.Csv("access_events-2026-03-01.csv", Header,
            "2026-03-01T10:00:00Z,S5,custody,create,custody,CU3,P3,WS5,"));
        await folder.IngestAsync(folder.Csv("access_events-2026-03-10.csv", Header,
            "2026-03-10T09:00:00Z,S5,custody,view,custody,CU3,P3,WS5,",
            "2026-03-10T15:00:00Z,S6,pnc,search,person,,P3,WS6,"));
        await folder.Store.ReplaceReferenceAsync(Reference with
        {
            Leaks = [new("LEAK-A", "CU3", "P3", Utc("2026-03-10T12:00:00Z"), 3), new("LEAK-B", null, "P3", Utc("2026-03-10T18:00:00Z"), 3)],
        }, Ct);

        await Detect(folder, new(2026, 3, 1));
        var first = await Detect(folder, new(2026, 3, 10));
        var again = await Detect(folder, new(2026, 3, 10));

        static IEnumerable<(string, string, string, double)> Leaks(DetectionOutput o) => o.Signals.Where(s => s.Rule == MisuseRuleIds.PreLeakAccess)
            .Select(s => (s.StaffId, s.Key, s.Facts["leak"], s.Measures["leaks"])).Order();
        Assert.Equal([("S5", "LEAK-A", "LEAK-A, LEAK-B", 2.0), ("S6", "LEAK-A", "LEAK-B", 1.0)], Leaks(first));
        Assert.Equal(Leaks(first), Leaks(again));
    }

    /// <summary>A feed that logs every view as a create leaves a row per record made; a year on, the old rows are gone.</summary>
    [Fact]
    public async Task Records_made_more_than_a_year_before_the_window_are_not_kept()
    {
        using var folder = new EventStoreFolder();
        await folder.IngestAsync(folder.Csv("access_events-2025-01-02.csv", Header,
            "2025-01-02T10:00:00Z,S5,custody,create,custody,CU1,P1,WS5,",
            "2025-01-02T11:00:00Z,S5,custody,create,custody,CU2,P2,WS5,"));
        await folder.IngestAsync(folder.Csv("access_events-2026-03-12.csv", Header,
            "2026-03-12T10:00:00Z,S5,custody,create,custody,CU3,P3,WS5,"));
        await folder.Store.ReplaceReferenceAsync(Reference, Ct);

        await Detect(folder, new(2025, 1, 2));
        var before = await MadeAboutAsync(folder);
        await Detect(folder, new(2026, 3, 12));

        Assert.Equal(["CU1", "CU2"], before);
        Assert.Equal(["CU3"], await MadeAboutAsync(folder));
    }

    private static async Task<List<string>> MadeAboutAsync(EventStoreFolder folder)
    {
        using var connection = await folder.Store.OpenAsync(Ct);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT record_id FROM made_about ORDER BY record_id";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read()) ids.Add(reader.GetString(0));
        return ids;
    }
}

/// <summary>
/// Each access's explanation is decided once (ADR 0030, addendum "one explanation"): the overview's counts and the alerts
/// read the same decision, so no look is counted as explained while it stands on an alert.
/// </summary>
public sealed class OneExplanationInStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly ReferenceData Reference = new(
        [new("S5", "U1", "custody"), new("S6", "U1", "custody")], [new("P9", ["ocn_nominal"])], [], [], []);

    private static MisuseRuleSet RulesWith(OwnRecords ownRecords)
    {
        var builtIn = MisuseRuleSet.BuiltIn();
        return new MisuseRuleSet
        {
            OutOfHours = builtIn.OutOfHours, UnitNorm = builtIn.UnitNorm, Rules = builtIn.Rules, SensitiveRecordTypes = builtIn.SensitiveRecordTypes,
            EvidenceLimit = builtIn.EvidenceLimit, OwnRecords = ownRecords,
        };
    }

    /// <summary>
    /// An officer writes up their former partner and looks them up: the looks stand on the associated-person alert, and
    /// the overview (the count kept for the day) no longer calls them explained by their own record. A record about someone
    /// they are not linked to still explains the look at that person.
    /// </summary>
    [Fact]
    public async Task A_look_at_a_linked_person_is_not_counted_as_explained_by_the_user_s_own_record()
    {
        using var folder = new EventStoreFolder();
        await folder.IngestAsync(folder.Csv("access_events-2026-03-12.csv", Header,
            "2026-03-12T10:00:00Z,S5,cris,create,crime,CR1,P1,WS5,",
            "2026-03-12T10:30:00Z,S5,custody,create,custody,CU2,P2,WS5,",
            "2026-03-12T11:00:00Z,S5,pnc,search,person,,P1,WS5,",
            "2026-03-12T11:30:00Z,S5,cris,view,crime,CR1,P1,WS5,",
            "2026-03-12T12:00:00Z,S5,pnc,search,person,,P2,WS5,"));
        await folder.Store.ReplaceReferenceAsync(Reference with { Associations = [new("S5", "P1", "former_partner", "declared", null, null)] }, Ct);
        var day = new DateOnly(2026, 3, 12);

        var output = await folder.Store.DetectAsync(new DetectionRequest(day, day, MisuseRuleSet.BuiltIn()), null, Ct);
        var kept = await folder.Store.ExplanationSharesAsync(day, day, Ct);

        var linked = Assert.Single(output.Signals, s => s.Rule == MisuseRuleIds.AssociatedPerson);
        Assert.Equal(["create", "search", "view"], linked.Evidence.Select(e => e.Action));
        Assert.Equal(1, output.Shares.Sum(s => s.ByOwnRecord));
        Assert.Equal(1, kept.Sum(s => s.ByOwnRecord));
        Assert.Equal(5, kept.Sum(s => s.Total));
    }

    /// <summary>
    /// Every access here is a look at a flagged person, so every one the counts leave unexplained must be on an alert and
    /// every one on an alert unexplained in the counts. With a span of an hour before each making and none after, two
    /// bookings of the person at 10:00 and 14:00 explain 09:30 and 13:30 but not 12:00 between them (a count that joined
    /// the bookings' spans into one called 12:00 explained while it stood on the alert).
    /// </summary>
    [Fact]
    public async Task The_counts_leave_unexplained_exactly_the_looks_that_stand_on_alerts()
    {
        using var folder = new EventStoreFolder();
        await folder.IngestAsync(folder.Csv("access_events-2026-03-12.csv", Header,
            "2026-03-12T09:30:00Z,S5,pnc,search,person,,P9,WS5,",
            "2026-03-12T10:00:00Z,S5,custody,create,custody,CU1,P9,WS5,",
            "2026-03-12T12:00:00Z,S5,pnc,search,person,,P9,WS5,",
            "2026-03-12T13:30:00Z,S5,custody,view,custody,CU2,P9,WS5,",
            "2026-03-12T14:00:00Z,S5,custody,create,custody,CU2,P9,WS5,",
            "2026-03-12T11:00:00Z,S6,pnc,search,person,,P9,WS6,T-66"));
        await folder.Store.ReplaceReferenceAsync(Reference with
        {
            Assignments = [new("S6", "T-66", null, null, null, Utc("2026-03-01T00:00:00Z"), Utc("2026-03-31T00:00:00Z"))],
        }, Ct);
        var day = new DateOnly(2026, 3, 12);

        var output = await folder.Store.DetectAsync(new DetectionRequest(day, day, RulesWith(new OwnRecords(1, 0))), null, Ct);

        var flagged = Assert.Single(output.Signals, s => s.Rule == MisuseRuleIds.SensitiveSubject);
        Assert.Equal("S5", flagged.StaffId);
        Assert.Equal(["10:00", "12:00", "14:00"], flagged.Evidence.Select(e => e.Time.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal((6L, 0L, 1L, 2L), (output.Shares.Sum(s => s.Total), output.Shares.Sum(s => s.ByAssignment), output.Shares.Sum(s => s.ByReason), output.Shares.Sum(s => s.ByOwnRecord)));
        var unexplained = output.Shares.Sum(s => s.Total - s.ByAssignment - s.ByReason - s.ByOwnRecord);
        Assert.Equal(unexplained, output.Signals.Where(s => s.Rule == MisuseRuleIds.SensitiveSubject).Sum(s => s.EventCount));
    }
}

/// <summary>
/// A finding's people are ids, never split from the words an alert is read in: a force whose person ids hold a comma
/// ("SMITH, JOHN 1970") gets the unit's shared work counted for the right person, and a leak story about two people is
/// about each of them, so a look at either is joined by it.
/// </summary>
public sealed class PersonIdsInStoreTests
{
    private static readonly MisuseRuleSet Rules = MisuseRuleSet.BuiltIn();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_person_id_with_a_comma_is_one_person_when_the_unit_s_shared_work_is_counted()
    {
        using var folder = new EventStoreFolder();
        await folder.IngestAsync(folder.Csv("access_events-2026-03-12.csv", Header,
            "2026-03-12T09:00:00Z,S5,custody,update,custody,CU1,\"SMITH, JOHN 1970\",WS5,",
            "2026-03-12T09:30:00Z,S7,custody,update,custody,CU1,\"SMITH, JOHN 1970\",WS7,",
            "2026-03-12T10:00:00Z,S6,pnc,search,person,,\"SMITH, JOHN 1970\",WS6,"));
        await folder.Store.ReplaceReferenceAsync(new ReferenceData(
            [new("S5", "U1", "custody"), new("S6", "U1", "custody"), new("S7", "U1", "custody")], [new("SMITH, JOHN 1970", ["ocn_nominal"])], [], [], []), Ct);

        var output = await folder.Store.DetectAsync(new DetectionRequest(new(2026, 3, 12), new(2026, 3, 12), Rules), null, Ct);

        var look = Assert.Single(output.Signals, s => s.Rule == MisuseRuleIds.SensitiveSubject && s.StaffId == "S6");
        Assert.Equal(["SMITH, JOHN 1970"], look.Persons);
        Assert.Equal(2, look.Measures["unit_colleagues"]);
    }

    [Fact]
    public async Task A_leak_story_about_two_people_joins_a_look_at_the_second_of_them()
    {
        using var folder = new EventStoreFolder();
        await folder.IngestAsync(folder.Csv("access_events-2026-03-12.csv", Header,
            "2026-03-12T10:00:00Z,S6,pnc,search,person,,P9,WS6,",
            "2026-03-12T10:05:00Z,S6,custody,view,custody,CU1,P9,WS6,"));
        // One arrest reported twice: once naming the co-accused P8, once naming P9; both through custody record CU1.
        await folder.Store.ReplaceReferenceAsync(new ReferenceData(
            [new("S6", "U1", "response")], [new("P9", ["ocn_nominal"])], [], [],
            [new("LEAK-A", "CU1", "P8", Utc("2026-03-12T20:00:00Z"), 14), new("LEAK-B", "CU1", "P9", Utc("2026-03-12T21:00:00Z"), 14)]), Ct);

        var output = await folder.Store.DetectAsync(new DetectionRequest(new(2026, 3, 12), new(2026, 3, 12), Rules), null, Ct);

        var leak = Assert.Single(output.Signals, s => s.Rule == MisuseRuleIds.PreLeakAccess);
        Assert.Equal(["P8", "P9"], leak.Persons);
        Assert.Equal("P8, P9", leak.Facts["person"]);
        var look = Assert.Single(output.Signals, s => s.Rule == MisuseRuleIds.SensitiveSubject);
        Assert.Equal(MisuseRuleIds.PreLeakAccess, look.Facts["joined_by"]);
    }
}
