using System.Globalization;
using DuckDB.NET.Data;
using Probity.AccessMonitoring.Detection;

namespace Probity.AccessMonitoring.EventStore;

/// <summary>
/// Detection's queries (<see cref="IDetectionQueries"/>) as SQL inside DuckDB: each step of a pass keeps its result in a
/// temporary table on the pass's connection for the next. What is measured, in which order and against which
/// thresholds is decided in <see cref="MisuseDetection"/>; this file only counts.
/// </summary>
internal sealed partial class DuckDbEventStore
{
    public async Task<IDetectionPass> BeginDetectionAsync(DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        await _writer.WaitAsync(ct);
        DuckDBConnection? connection = null;
        try
        {
            connection = await OpenAsync(ct);
            return new DetectionPass(this, connection, start, end);
        }
        catch
        {
            connection?.Dispose();
            _writer.Release();
            throw;
        }
    }

    private sealed class DetectionPass : IDetectionPass
    {
        private static readonly string[] Tables = ["agg", "daily", "ak_record", "ak_subject", "ak_reason", "made", "mk_record", "mk_subject", "unit_norm", "history", "shares", "first_time", "flagged", "hits", "staff", "shared_pairs"];
        private readonly DuckDbEventStore _store;
        private readonly DuckDBConnection _connection;
        // London wall-clock time as integer microseconds (lm): day and hour are integer arithmetic, not a calendar per row.
        private readonly string _local;
        private readonly DateTimeOffset _from, _to;
        private const string Hour = "((lm // 3600000000) % 24)";
        private const string LocalDay = "(DATE '1970-01-01' + CAST(lm // 86400000000 AS INTEGER))";
        /// <summary>
        /// A day's sample of accesses is the first in <see cref="Detection.AccessOrder"/>'s fields, every one of them, so the
        /// same day sampled again lists the same accesses whatever order the segments are read in (nulls first, as .NET's
        /// ordinal comparer puts them; a blank record type is read as none).
        /// </summary>
        private const string SampleOrder = "event_time, coalesce(record_id, subject_person_id) NULLS FIRST, system, action, nullif(record_type, '') NULLS FIRST, "
            + "record_id NULLS FIRST, subject_person_id NULLS FIRST, workstation_id NULLS FIRST, reason_ref NULLS FIRST, staff_id";
        private bool _disposed;

        public DetectionPass(DuckDbEventStore store, DuckDBConnection connection, DateTimeOffset from, DateTimeOffset to)
        {
            (_store, _connection, _from, _to) = (store, connection, from, to);
            _local = LocalMicros("event_time", from, to);
            var files = store.WindowFiles(connection, from, to);
            HasEvents = files.Count > 0;
            if (!HasEvents) return;
            Execute(connection, $"""
                CREATE OR REPLACE TEMP VIEW ev AS
                SELECT event_time, staff_id, system, action, coalesce(record_type, '') AS record_type, record_id, subject_person_id, workstation_id, reason_ref
                FROM {ReadParquet(files)}
                WHERE event_time >= {TimeLiteral(from)} AND event_time < {TimeLiteral(to)}
                """);
            Execute(connection, "CREATE OR REPLACE TEMP TABLE staff AS SELECT staff_id, any_value(unit_id) AS unit_id, coalesce(any_value(peer_group), 'all') AS peer_group FROM ref_staff GROUP BY staff_id");
        }

        public bool HasEvents { get; }

        private static string OutOfHoursSql(OutOfHours ooh) => ooh.StartHour > ooh.EndHour
            ? $"({Hour} >= {ooh.StartHour} OR {Hour} < {ooh.EndHour})"
            : $"({Hour} >= {ooh.StartHour} AND {Hour} < {ooh.EndHour})";

        public void CountAccessesByExplanation(OutOfHours outOfHours, OwnRecords ownRecords)
        {
            // Records made in the hours after the window explain its last looks too (an arrest looked up at 23:00 and
            // written up at 01:00): those already stored are read with the window's own (ADR 0030 addendum 2).
            var after = _store.WindowFiles(_connection, _to, _to.AddHours(ownRecords.HoursBefore));
            var creates = "SELECT staff_id, record_type, record_id, subject_person_id, event_time FROM ev WHERE action = 'create'" + (after.Count == 0 ? "" : $"""

                UNION ALL
                SELECT staff_id, coalesce(record_type, ''), record_id, subject_person_id, event_time FROM {ReadParquet(after)}
                WHERE action = 'create' AND event_time >= {TimeLiteral(_to)} AND event_time < {TimeLiteral(_to.AddHours(ownRecords.HoursBefore))}
                """);
            // Records each user made (this window's, those kept from earlier passes, and those just after) and the span each explains.
            Execute(_connection, $"""
                CREATE OR REPLACE TEMP TABLE made AS
                SELECT staff_id, record_type, record_id, subject_person_id, min(first_at) AS first_at, max(last_at) AS last_at,
                       min(first_at) - INTERVAL {ownRecords.HoursBefore} HOUR AS f, max(last_at) + INTERVAL {ownRecords.DaysAfter} DAY AS t
                FROM (SELECT staff_id, record_type, record_id, subject_person_id, first_at, last_at FROM made_about
                      WHERE last_at >= {TimeLiteral(_from)} - INTERVAL {ownRecords.DaysAfter} DAY AND first_at < {TimeLiteral(_to)} + INTERVAL {ownRecords.HoursBefore} HOUR
                      UNION ALL
                      -- A blank id (empty or spaces) is no id: it names no record and no person, so it explains nothing.
                      SELECT staff_id, record_type, coalesce(CASE WHEN trim(record_id) <> '' THEN record_id END, ''),
                             coalesce(CASE WHEN trim(subject_person_id) <> '' THEN subject_person_id END, ''), min(event_time), max(event_time)
                      FROM ({creates}) WHERE trim(record_id) <> '' OR trim(subject_person_id) <> '' GROUP BY ALL)
                GROUP BY ALL
                """);
            // By record: only in the record's own type, and only for a look that names no person (a look naming a person is
            // explained through that person below, so a record id reused on a record about someone else explains nothing;
            // ADR 0030 addendum). One row per user and record, with the span of each making about each person.
            Execute(_connection, """
                CREATE OR REPLACE TEMP TABLE mk_record AS
                SELECT hash(staff_id, record_type, record_id) AS h, staff_id, record_type AS rt, record_id AS k,
                       count(*) AS windows, any_value(f) AS f, any_value(t) AS t, list(struct_pack(f := f, t := t)) AS w
                FROM made WHERE record_id <> '' GROUP BY staff_id, record_type, record_id
                """);
            // By person: never a person the user is linked to (any recorded association, whatever its dates): writing up a
            // former partner is the conflict itself, never its explanation.
            Execute(_connection, """
                CREATE OR REPLACE TEMP TABLE mk_subject AS
                SELECT hash(staff_id, subject_person_id) AS h, staff_id, subject_person_id AS k,
                       count(*) AS windows, any_value(f) AS f, any_value(t) AS t, list(struct_pack(f := f, t := t)) AS w
                FROM made m WHERE subject_person_id <> ''
                  AND NOT EXISTS (SELECT 1 FROM ref_associations x WHERE x.staff_id = m.staff_id AND x.person_id = m.subject_person_id)
                GROUP BY staff_id, subject_person_id
                """);
            // Assignments, one row per user and key with its windows, so the joins never multiply accesses.
            foreach (var (table, key) in new[] { ("ak_record", "record_id"), ("ak_subject", "subject_person_id"), ("ak_reason", "reason_ref") })
                Execute(_connection, $"""
                    CREATE OR REPLACE TEMP TABLE {table} AS
                    SELECT hash(staff_id, {key}) AS h, staff_id, {key} AS k, count(*) AS windows, any_value(from_time) AS f, any_value(to_time) AS t, any_value(record_type) AS rt,
                           list(struct_pack(f := from_time, t := to_time, rt := record_type)) AS w
                    FROM ref_assignments WHERE {key} IS NOT NULL GROUP BY ALL
                    """);
            // One pass over the window, each access explained once (Explained), then counted per user, day, system and type.
            var window = $"SELECT staff_id, system, record_type, action, event_time, record_id, subject_person_id, reason_ref, {_local} AS lm FROM ev";
            Execute(_connection, $"""
                CREATE OR REPLACE TEMP TABLE agg AS
                SELECT staff_id, {LocalDay.Replace("lm", "day_lm", StringComparison.Ordinal)} AS local_day, system, record_type, explained, n, ooh_searches, ooh_events, first_t, last_t
                FROM (
                    SELECT staff_id, (lm // 86400000000) * 86400000000 AS day_lm, system, record_type, explained,
                           count(*) AS n,
                           count(*) FILTER (WHERE action = 'search' AND {OutOfHoursSql(outOfHours)}) AS ooh_searches,
                           count(*) FILTER (WHERE {OutOfHoursSql(outOfHours)}) AS ooh_events,
                           min(event_time) AS first_t, max(event_time) AS last_t
                    FROM ({Explained(window)})
                    GROUP BY ALL
                )
                """);
        }

        public void CountUserDays() =>
            // Breadth: how many different people each user looked up that day (HyperLogLog, a light second pass).
            Execute(_connection, $"""
                CREATE OR REPLACE TEMP TABLE daily AS
                SELECT a.staff_id, a.local_day, a.n, a.ooh_searches, a.ooh_events, coalesce(d.subjects, 0) AS subjects, a.first_t, a.last_t
                FROM (SELECT staff_id, local_day, sum(n) AS n, sum(ooh_searches) AS ooh_searches, sum(ooh_events) AS ooh_events, min(first_t) AS first_t, max(last_t) AS last_t FROM agg GROUP BY ALL) a
                LEFT JOIN (SELECT staff_id, {LocalDay} AS local_day, subjects
                           FROM (SELECT staff_id, {_local} // 86400000000 * 86400000000 AS lm, approx_count_distinct(subject_person_id) AS subjects FROM ev GROUP BY ALL)) d USING (staff_id, local_day)
                """);

        public void FindUnitNormalWork(UnitNormSettings norm) =>
            Execute(_connection, $"""
                CREATE OR REPLACE TEMP TABLE unit_norm AS
                WITH by_unit AS (SELECT s.unit_id, a.system, a.record_type, count(DISTINCT a.staff_id) AS users, sum(a.n) AS n
                                 FROM agg a JOIN staff s USING (staff_id) GROUP BY ALL),
                     units AS (SELECT s.unit_id, count(DISTINCT d.staff_id) AS active, sum(d.n) AS n FROM daily d JOIN staff s USING (staff_id) GROUP BY ALL)
                SELECT c.unit_id, c.system, c.record_type
                FROM by_unit c JOIN units u USING (unit_id)
                WHERE u.active >= {norm.MinUnitStaff}
                  AND c.users >= {Invariant(norm.MinShareOfUnitStaff)} * u.active
                  AND c.n >= {Invariant(norm.MinShareOfUnitAccesses)} * u.n
                """);

        public void ReadHistory(DateOnly firstDay, int baselineDays) =>
            Execute(_connection, $"CREATE OR REPLACE TEMP TABLE history AS SELECT staff_id, count(*) AS days, avg(events) AS mean_n, avg(subjects) AS mean_subjects, avg(ooh_searches) AS mean_ooh FROM user_day WHERE day >= {DayLiteral(firstDay)} - INTERVAL {baselineDays} DAY AND day < {DayLiteral(firstDay)} GROUP BY staff_id");

        public IReadOnlyList<ExplanationShare> ExplanationShares()
        {
            Execute(_connection, $"""
                CREATE OR REPLACE TEMP TABLE shares AS
                SELECT a.system, coalesce(s.unit_id, '(unknown)') AS unit_id, sum(a.n) AS total,
                       coalesce(sum(a.n) FILTER (WHERE explained = {ByAssignment}), 0) AS by_assignment,
                       coalesce(sum(a.n) FILTER (WHERE explained = {ByReason}), 0) AS by_reason,
                       coalesce(sum(a.n) FILTER (WHERE explained = {ByOwnRecord}), 0) AS by_own_record,
                       coalesce(sum(a.n) FILTER (WHERE explained = {Unexplained} AND n.unit_id IS NOT NULL), 0) AS by_unit_norm
                FROM agg a
                LEFT JOIN staff s USING (staff_id)
                LEFT JOIN unit_norm n ON n.unit_id = s.unit_id AND n.system = a.system AND n.record_type = a.record_type
                GROUP BY ALL
                """);
            using var command = Command(_connection, "SELECT system, unit_id, total, by_assignment, by_reason, by_own_record, by_unit_norm FROM shares ORDER BY system, unit_id");
            using var reader = command.ExecuteReader();
            var list = new List<ExplanationShare>();
            while (reader.Read())
                list.Add(new ExplanationShare(reader.GetString(0), reader.GetString(1), ToLong(reader.GetValue(2)), ToLong(reader.GetValue(3)), ToLong(reader.GetValue(4)), ToLong(reader.GetValue(5)), ToLong(reader.GetValue(6))));
            return list;
        }

        public void FindFirstUses(FirstUseCriteria? criteria) =>
            Execute(_connection, criteria is null
                ? "CREATE OR REPLACE TEMP TABLE first_time AS SELECT staff_id, system, record_type, sum(n) AS n FROM agg WHERE false GROUP BY ALL"
                : $"""
                  CREATE OR REPLACE TEMP TABLE first_time AS
                  SELECT a.staff_id, a.system, a.record_type, sum(a.n) AS n
                  FROM agg a JOIN staff s USING (staff_id) LEFT JOIN history h USING (staff_id)
                  WHERE coalesce(h.days, 0) >= {criteria.MinHistoryDays}
                    AND NOT EXISTS (SELECT 1 FROM user_seen u WHERE u.staff_id = a.staff_id AND u.system = a.system AND u.record_type = a.record_type AND u.first_day < {DayLiteral(criteria.FirstDay)} - INTERVAL 1 DAY)
                    AND NOT EXISTS (SELECT 1 FROM unit_norm n WHERE n.unit_id = s.unit_id AND n.system = a.system AND n.record_type = a.record_type)
                  GROUP BY ALL HAVING sum(a.n) >= {Invariant(criteria.MinimumAccesses)}
                  """);

        public IReadOnlyList<DetectionSignals.Hit> UncoveredEventRuleHits(IReadOnlyCollection<string> sensitiveFlags, IReadOnlyCollection<string> sensitiveRecordTypes)
        {
            Execute(_connection, $"""
                CREATE OR REPLACE TEMP TABLE flagged AS
                SELECT person_id, string_agg(DISTINCT flag, ';' ORDER BY flag) AS flags FROM ref_persons WHERE list_contains({ListLiteral(sensitiveFlags)}, flag) GROUP BY person_id
                """);
            // The accesses the rules look at, then only those nothing explains: the same decision the counts made.
            var looked = $"""
                SELECT e.*, f.flags, ft.staff_id IS NOT NULL AS first_time
                FROM ev e
                LEFT JOIN flagged f ON f.person_id = e.subject_person_id
                LEFT JOIN (SELECT DISTINCT staff_id, person_id FROM ref_associations) x ON x.staff_id = e.staff_id AND x.person_id = e.subject_person_id
                LEFT JOIN first_time ft ON ft.staff_id = e.staff_id AND ft.system = e.system AND ft.record_type = e.record_type
                WHERE f.person_id IS NOT NULL OR x.staff_id IS NOT NULL OR ft.staff_id IS NOT NULL
                   OR (e.action IN ('print', 'export') AND list_contains({ListLiteral(sensitiveRecordTypes)}, e.record_type))
                """;
            Execute(_connection, $"CREATE OR REPLACE TEMP TABLE hits AS SELECT * EXCLUDE (explained) FROM ({Explained(looked)}) WHERE explained = {Unexplained}");
            using var command = Command(_connection, $"SELECT {EventColumns}, flags, first_time FROM hits ORDER BY staff_id, event_time");
            using var reader = command.ExecuteReader();
            var list = new List<DetectionSignals.Hit>();
            string? S(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            while (reader.Read())
            {
                var ev = new AccessEvent(Time(reader, 0)!.Value, reader.GetString(1), reader.GetString(2), reader.GetString(3), S(4) is { Length: > 0 } rt ? rt : null, S(5), S(6), S(7), S(8));
                list.Add(new DetectionSignals.Hit(ev, S(9), reader.GetBoolean(10)));
            }
            return list;
        }

        public IReadOnlyDictionary<(string StaffId, string PersonId), int> UnitColleaguesTouching(IReadOnlyCollection<(string StaffId, string PersonId)> pairs)
        {
            var result = new Dictionary<(string, string), int>();
            // An id with a NUL in it cannot travel in SQL text (and names nobody a colleague could share).
            var usable = pairs.Where(x => !x.StaffId.Contains('\0', StringComparison.Ordinal) && !x.PersonId.Contains('\0', StringComparison.Ordinal)).Distinct().ToList();
            if (usable.Count == 0) return result;
            Execute(_connection, "CREATE OR REPLACE TEMP TABLE shared_pairs (staff_id VARCHAR, person_id VARCHAR)");
            foreach (var chunk in usable.Chunk(2_000))
                Execute(_connection, $"INSERT INTO shared_pairs VALUES {string.Join(", ", chunk.Select(x => $"({Literal(x.StaffId)}, {Literal(x.PersonId)})"))}");
            // A colleague's recorded work on the person: an access an assignment, a reason or their own record explains, or a
            // record they made or updated about them. Colleagues' untasked looks are not work: three officers browsing the
            // same person do not make each other's looks routine.
            using var command = Command(_connection, $"""
                WITH pu AS (SELECT DISTINCT p.staff_id, p.person_id, s.unit_id FROM shared_pairs p JOIN staff s USING (staff_id) WHERE coalesce(trim(s.unit_id), '') <> ''),
                     worked AS (SELECT DISTINCT staff_id, subject_person_id AS person_id
                                FROM ({Explained("SELECT * FROM ev WHERE subject_person_id IN (SELECT person_id FROM pu)")})
                                WHERE explained <> {Unexplained} OR action IN ('create', 'update'))
                SELECT pu.staff_id, pu.person_id, count(DISTINCT w.staff_id)
                FROM pu JOIN worked w ON w.person_id = pu.person_id AND w.staff_id <> pu.staff_id
                JOIN staff s2 ON s2.staff_id = w.staff_id AND s2.unit_id = pu.unit_id
                GROUP BY ALL
                """);
            using var reader = command.ExecuteReader();
            while (reader.Read()) result[(reader.GetString(0), reader.GetString(1))] = (int)ToLong(reader.GetValue(2));
            return result;
        }

        public IReadOnlyList<AssociationReference> AssociationsOf(IReadOnlyCollection<string> staffIds)
        {
            var list = new List<AssociationReference>();
            if (staffIds.Count == 0) return list;
            using var command = Command(_connection, $"SELECT staff_id, person_id, relation, source, from_date, to_date FROM ref_associations WHERE staff_id IN ({string.Join(", ", staffIds.Select(Literal))})");
            using var reader = command.ExecuteReader();
            while (reader.Read())
                list.Add(new AssociationReference(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : DateOnly.FromDateTime(reader.GetDateTime(4)), reader.IsDBNull(5) ? null : DateOnly.FromDateTime(reader.GetDateTime(5))));
            return list;
        }

        public IReadOnlyList<FirstUseCount> FirstUses()
        {
            using var command = Command(_connection, "SELECT staff_id, system, record_type, n FROM first_time");
            using var reader = command.ExecuteReader();
            var list = new List<FirstUseCount>();
            while (reader.Read()) list.Add(new FirstUseCount(reader.GetString(0), reader.GetString(1), reader.GetString(2), ToLong(reader.GetValue(3))));
            return list;
        }

        public IReadOnlyDictionary<string, string?> StaffUnits()
        {
            var units = new Dictionary<string, string?>(StringComparer.Ordinal);
            using var command = Command(_connection, "SELECT staff_id, unit_id FROM staff");
            using var reader = command.ExecuteReader();
            while (reader.Read()) units[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
            return units;
        }

        public IReadOnlyList<DetectionSignals.UserDay> UserDaysWithPeers()
        {
            using var command = Command(_connection, """
                WITH days AS (SELECT d.*, s.peer_group FROM daily d JOIN staff s USING (staff_id)),
                     peers AS (SELECT peer_group, local_day, count(*) AS peers,
                                      median(n) AS med_n, mad(n) AS mad_n, median(subjects) AS med_s, mad(subjects) AS mad_s,
                                      median(ooh_searches) AS med_o, mad(ooh_searches) AS mad_o
                               FROM days GROUP BY ALL)
                SELECT d.staff_id, d.local_day, d.n, d.subjects, d.ooh_searches, d.ooh_events, d.first_t, d.last_t, d.peer_group,
                       coalesce(h.days, 0), coalesce(h.mean_n, 0), coalesce(h.mean_subjects, 0), coalesce(h.mean_ooh, 0),
                       p.peers, p.med_n, p.mad_n, p.med_s, p.mad_s, p.med_o, p.mad_o
                FROM days d JOIN peers p USING (peer_group, local_day) LEFT JOIN history h USING (staff_id)
                """);
            using var reader = command.ExecuteReader();
            var list = new List<DetectionSignals.UserDay>();
            double D(int i) => reader.IsDBNull(i) ? 0 : reader.GetValue(i) is System.Numerics.BigInteger big ? (double)big : Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture);
            while (reader.Read())
                list.Add(new DetectionSignals.UserDay(
                    reader.GetString(0), DateOnly.FromDateTime(reader.GetDateTime(1)), D(2), D(3), D(4), D(5), Time(reader, 6)!.Value, Time(reader, 7)!.Value, reader.GetString(8),
                    (int)D(9), D(10), D(11), D(12), (int)D(13), D(14), D(15), D(16), D(17), D(18), D(19)));
            return list;
        }

        public IReadOnlyDictionary<(string StaffId, string Day, bool OutOfHoursSearch), List<AccessEvent>> DayEvidence(
            IReadOnlyCollection<string> staffIds, OutOfHours outOfHours, int limit)
        {
            var result = new Dictionary<(string, string, bool), List<AccessEvent>>();
            if (staffIds.Count == 0) return result;
            using var command = Command(_connection, $"""
                SELECT {EventColumns}, day, is_ooh FROM (
                    SELECT *, row_number() OVER (PARTITION BY staff_id, day, is_ooh ORDER BY {SampleOrder}) AS k FROM (
                        SELECT {EventColumns}, strftime({LocalDay}, '%Y-%m-%d') AS day, (action = 'search' AND {OutOfHoursSql(outOfHours)}) AS is_ooh
                        FROM (SELECT *, {_local} AS lm FROM ev WHERE staff_id IN ({string.Join(", ", staffIds.Select(Literal))}))))
                WHERE k <= {limit}
                """);
            using var reader = command.ExecuteReader();
            string? S(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            while (reader.Read())
            {
                var ev = new AccessEvent(Time(reader, 0)!.Value, reader.GetString(1), reader.GetString(2), reader.GetString(3), S(4) is { Length: > 0 } rt ? rt : null, S(5), S(6), S(7), S(8));
                var key = (ev.StaffId, reader.GetString(9), reader.GetBoolean(10));
                if (!result.TryGetValue(key, out var list)) result[key] = list = [];
                list.Add(ev);
            }
            return result;
        }

        public long ActiveUsers() => Scalar<long>(_connection, "SELECT count(DISTINCT staff_id) FROM daily");

        public IReadOnlyList<LeakReference> Leaks()
        {
            var leaks = new List<LeakReference>();
            using var command = Command(_connection, "SELECT leak_id, record_id, subject_person_id, leaked_at, window_days FROM ref_leaks");
            using var reader = command.ExecuteReader();
            while (reader.Read())
                leaks.Add(new LeakReference(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), Time(reader, 3)!.Value, reader.GetInt32(4)));
            return leaks;
        }

        /// <summary>
        /// Through the subject and record lookups: only the subject's bucket and the segments' record index are read. Only an
        /// assignment (by record, person or reason, as <see cref="Explained"/> decides it) takes a user out of a leak's pool:
        /// a record they made does not (ADR 0030 addendum), or an insider who makes a record about a famous person before the
        /// leak's window would leave no look in it.
        /// </summary>
        public IReadOnlyList<AccessEvent> UncoveredAccessesTo(string? subjectPersonId, string? recordId, DateTimeOffset from, DateTimeOffset to)
        {
            var segments = SegmentsOverlapping(_connection, from, to);
            var predicates = new List<string>();
            var files = new List<string>();
            if (subjectPersonId is { } subject)
            {
                files.AddRange(_store.SubjectFiles(_connection, segments, subject));
                predicates.Add($"subject_person_id = {Literal(subject)}");
            }
            if (recordId is { } record)
            {
                files.AddRange(_store.RecordFiles(_connection, segments, record));
                predicates.Add($"record_id = {Literal(record)}");
            }
            if (files.Count == 0) return [];
            var touched = $"""
                SELECT DISTINCT * FROM {ReadParquet(files.Distinct().ToList())} e
                WHERE ({string.Join(" OR ", predicates)}) AND e.event_time >= {TimeLiteral(from)} AND e.event_time < {TimeLiteral(to)}
                """;
            return ReadEvents(_connection, $"SELECT {EventColumns} FROM ({Explained(touched)}) WHERE explained NOT IN ({ByAssignment}, {ByReason}) ORDER BY staff_id, event_time");
        }

        public void SaveBaselines(DateOnly from, DateOnly to)
        {
            using var tx = _connection.BeginTransaction();
            Execute(_connection, $"DELETE FROM explanation WHERE from_day = {DayLiteral(from)} AND to_day = {DayLiteral(to)}");
            Execute(_connection, $"INSERT INTO explanation (from_day, to_day, system, unit_id, total, by_assignment, by_reason, by_unit_norm, by_own_record) SELECT {DayLiteral(from)}, {DayLiteral(to)}, system, unit_id, total, by_assignment, by_reason, by_unit_norm, by_own_record FROM shares");
            Execute(_connection, """
                INSERT INTO made_about SELECT staff_id, record_type, record_id, subject_person_id, first_at, last_at FROM made
                ON CONFLICT DO UPDATE SET first_at = least(first_at, excluded.first_at), last_at = greatest(last_at, excluded.last_at)
                """);
            // Bounded: a record made longer ago than the longest span a rule set may give (366 days) explains nothing in
            // this window or any later one, so the table holds about a year of records, not every record ever made.
            Execute(_connection, $"DELETE FROM made_about WHERE last_at < {TimeLiteral(_from)} - INTERVAL 366 DAY");
            Execute(_connection, "DELETE FROM user_day WHERE (staff_id, day) IN (SELECT staff_id, local_day FROM daily)");
            Execute(_connection, "INSERT INTO user_day SELECT staff_id, local_day, n, subjects, ooh_searches FROM daily");
            Execute(_connection, """
                INSERT INTO user_seen SELECT staff_id, system, record_type, min(local_day), max(local_day) FROM agg GROUP BY staff_id, system, record_type
                ON CONFLICT DO UPDATE SET first_day = least(first_day, excluded.first_day), last_day = greatest(last_day, excluded.last_day)
                """);
            tx.Commit();
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            try
            {
                if (HasEvents)
                    foreach (var table in Tables) Execute(_connection, $"DROP TABLE IF EXISTS {table}");
            }
            catch (DuckDBException)
            {
                // A pass that failed part-way: its temporary tables go with the connection.
            }
            finally
            {
                _connection.Dispose();
                _store._writer.Release();
            }
        }
    }

    // How an access is explained (the store's `explained` code and the overview's columns).
    private const int Unexplained = 0, ByAssignment = 1, ByReason = 2, ByOwnRecord = 3;

    /// <summary>
    /// The one place an access's explanation is decided (ADR 0030, addendum "one explanation"): <paramref name="source"/>'s
    /// rows with <c>explained</c>, the first that holds of: an assignment covering its record (in its type, if the assignment
    /// names one) or person at that time (<see cref="ByAssignment"/>); an assignment matching the reason given
    /// (<see cref="ByReason"/>); a record the user made (<see cref="ByOwnRecord"/>: never the making itself, by record only
    /// in its own type for a look naming no person, by person only for someone the user is not linked to, within the span
    /// of a making); else <see cref="Unexplained"/>. The counts, the event rules' hits and the leaks' pools all read it, so
    /// the overview's shares are the alerts' own decision. Reads the pass's <c>ak_*</c> and <c>mk_*</c> tables, each one
    /// row per user and key: the joins never multiply the source's rows.
    /// </summary>
    private static string Explained(string source) => $"""
        SELECT e.*,
               CASE WHEN {Within("r", "r.k = e.record_id", typePerWindow: true)} OR {Within("s", "s.k = e.subject_person_id")} THEN {ByAssignment}
                    WHEN {Within("x", "x.k = e.reason_ref")} THEN {ByReason}
                    WHEN e.action <> 'create'
                         AND ({Within("m", "m.k = e.record_id AND m.rt = coalesce(e.record_type, '') AND coalesce(trim(e.subject_person_id), '') = ''")}
                              OR {Within("ms", "ms.k = e.subject_person_id")}) THEN {ByOwnRecord}
                    ELSE {Unexplained} END AS explained
        FROM ({source}) e
        -- Joined on a hash of (staff, key), then checked exactly: one integer key probes faster than two strings.
        LEFT JOIN ak_record r ON r.h = hash(e.staff_id, e.record_id)
        LEFT JOIN ak_subject s ON s.h = hash(e.staff_id, e.subject_person_id)
        LEFT JOIN ak_reason x ON x.h = hash(e.staff_id, e.reason_ref)
        LEFT JOIN mk_record m ON m.h = hash(e.staff_id, coalesce(e.record_type, ''), e.record_id)
        LEFT JOIN mk_subject ms ON ms.h = hash(e.staff_id, e.subject_person_id)
        """;

    /// <summary>
    /// Whether the joined row <paramref name="k"/> (one per user and key, with its windows) covers the access at its time:
    /// the user and <paramref name="match"/> are checked exactly (the join is on a hash); a key with one window is checked
    /// directly, the few with several window by window (each with its own record type when <paramref name="typePerWindow"/>).
    /// </summary>
    private static string Within(string k, string match, bool typePerWindow = false)
    {
        string Window(string w) =>
            $"({w}.f IS NULL OR e.event_time >= {w}.f) AND ({w}.t IS NULL OR e.event_time <= {w}.t){(typePerWindow ? $" AND ({w}.rt IS NULL OR {w}.rt = e.record_type)" : "")}";
        return $"coalesce({k}.staff_id = e.staff_id AND {match} AND CASE WHEN {k}.windows = 1 THEN {Window(k)} WHEN {k}.windows > 1 THEN list_bool_or(list_transform({k}.w, win -> {Window("win")})) END, false)";
    }

    /// <summary>London wall-clock time in microseconds since 1970 (UTC micros plus the summer-time offset where it applies).</summary>
    private static string LocalMicros(string column, DateTimeOffset from, DateTimeOffset to)
    {
        var ranges = LondonTime.OffsetRanges(from, to);
        if (ranges.Count == 0) return $"epoch_us({column})";
        var cases = string.Join(" ", ranges.Select(r => $"WHEN {column} >= {TimeLiteral(r.From)} AND {column} < {TimeLiteral(r.To)} THEN {(long)r.Offset.TotalMicroseconds}"));
        return $"(epoch_us({column}) + CASE {cases} ELSE 0 END)";
    }

    private static string DayLiteral(DateOnly day) => $"DATE '{day:yyyy-MM-dd}'";

    private static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
