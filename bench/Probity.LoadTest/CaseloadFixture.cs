using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

/// <summary>One virtual user of the caseload mix: an account of their own, and what was allocated to them.</summary>
internal sealed class CaseloadPerson(string userName, string displayName, string role, int team, bool supervises)
{
    public string UserName { get; } = userName;
    public string DisplayName { get; } = displayName;
    public string Role { get; } = role;
    /// <summary>The team: a supervisor's own number, or the number of the supervisor an officer works for.</summary>
    public int Team { get; } = team;
    public bool Supervises { get; } = supervises;
    /// <summary>Live cases allocated to them as investigating officer, and as supervisor (their team's).</summary>
    public int Investigating { get; set; }
    public int Supervising { get; set; }
}

/// <summary>
/// The people of the caseload mix and their caseloads (bench/README.md, "HTTP load: My cases and the team caseload").
/// PIF-1, which the demo force is imported as, carries no investigating officer or supervisor (they are the platform's
/// own columns, <c>cases.InvestigatingOfficer</c> and <c>cases.Supervisor</c>, holding sign-in names), so the imported
/// store has no caseloads. This gives it some, without choosing which cases:
/// <list type="bullet">
/// <item>one account per virtual user, through <c>probity users add</c>: one in five a supervisor (a DPS senior manager),
/// the others alternately a DPS investigator and a case handler, in teams of consecutive officers under one supervisor;</item>
/// <item>the pool is every live case (not finalised, not recorded in error), unrestricted, with nobody named on it, in
/// a seeded random order (seed 20261130): investigations (local, supervised, managed or independent) go to investigators,
/// every other live case (no route yet, or another route) to case handlers, the next 10–40 (uniform) from the pool to each
/// officer in turn, with the officer's supervisor as the case's supervisor;</item>
/// <item>an investigation report on one in eight of each investigator's cases, submitted to their supervisor, and on one
/// in sixteen returned to them with comments (so "awaiting my sign-off" and "awaiting my decision" are not empty).</item>
/// </list>
/// Written straight into the (throwaway) SQLite store before the server starts, in one transaction: a bench fixture, so
/// it is on neither the audit trail nor the cases' timelines. Re-running it replaces the previous allocation.
/// </summary>
internal sealed class CaseloadFixture
{
    public const int Seed = 20261130;
    public const int MinCases = 10;
    public const int MaxCases = 40;
    private const string Prefix = "lt-";
    private static readonly string[] InvestigationRoutes = ["local_investigation", "supervised_investigation", "managed_investigation", "independent_investigation"];

    private readonly string _folder;

    public IReadOnlyList<CaseloadPerson> People { get; }

    public CaseloadFixture(int users, string folder)
    {
        if (users < 2) throw new ArgumentException("--mix caseload needs at least 2 users (a supervisor and an officer).");
        _folder = folder;
        Directory.CreateDirectory(folder);
        var supervisors = Math.Max(1, (users + 4) / 5);
        var officers = users - supervisors;
        var perTeam = (officers + supervisors - 1) / supervisors;
        var people = new List<CaseloadPerson>();
        for (var t = 0; t < supervisors; t++)
            people.Add(new CaseloadPerson($"{Prefix}supervisor-{t + 1:00}", $"Supervisor {t + 1:00}", "dps_senior_manager", t, true));
        for (var k = 0; k < officers; k++)
        {
            var investigator = k % 2 == 0;
            people.Add(new CaseloadPerson($"{Prefix}{(investigator ? "investigator" : "handler")}-{k + 1:00}",
                $"{(investigator ? "Investigator" : "Case handler")} {k + 1:00}", investigator ? "dps_investigator" : "case_handler", k / perTeam, false));
        }
        People = people;
    }

    public string KeyFile(CaseloadPerson person) => Path.Combine(_folder, person.UserName + ".key");

    /// <summary>Adds, through <c>probity users add</c>, the accounts the store does not have yet.</summary>
    public async Task CreateAccountsAsync(string dll, string work, string connection, string password)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        using (var db = new SqliteConnection(connection))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "SELECT UserName FROM AspNetUsers WHERE UserName LIKE 'lt-%'";
            using var r = cmd.ExecuteReader();
            while (r.Read()) existing.Add(r.GetString(0));
        }
        var missing = People.Where(p => !existing.Contains(p.UserName)).ToList();
        if (missing.Count == 0) return;
        Console.WriteLine($"Adding {missing.Count} accounts with `probity users add` (one process each) ...");
        var env = new Dictionary<string, string> { ["ConnectionStrings__Probity"] = connection, ["PROBITY_PASSWORD"] = password };
        foreach (var p in missing)
        {
            // A new account enrols its authenticator at its first sign-in: a key file from an earlier store is stale.
            File.Delete(KeyFile(p));
            await Child.RunAsync("dotnet", [dll, "users", "add", p.UserName, "--role", p.Role, "--name", p.DisplayName], work, env);
        }
    }

    /// <summary>Allocates live cases to the people (see the class summary); returns a description of what it did.</summary>
    public string Allocate(string connection)
    {
        using var db = new SqliteConnection(connection);
        db.Open();
        using var tx = db.BeginTransaction();
        Execute(db, tx, $"UPDATE cases SET InvestigatingOfficer = NULL WHERE InvestigatingOfficer LIKE '{Prefix}%'");
        Execute(db, tx, $"UPDATE cases SET Supervisor = NULL WHERE Supervisor LIKE '{Prefix}%'");
        Execute(db, tx, $"DELETE FROM case_reports WHERE SubmittedBy LIKE '{Prefix}%'");

        var investigations = new List<string>();
        var others = new List<string>();
        using (var select = db.CreateCommand())
        {
            select.Transaction = tx;
            select.CommandText = "SELECT Id, HandlingRoute FROM cases WHERE FinalisedOn IS NULL AND RecordedInErrorOn IS NULL AND Restricted = 0 "
                + "AND InvestigatingOfficer IS NULL AND Supervisor IS NULL ORDER BY Id";
            using var r = select.ExecuteReader();
            while (r.Read()) (!r.IsDBNull(1) && InvestigationRoutes.Contains(r.GetString(1)) ? investigations : others).Add(r.GetString(0));
        }
        var random = new Random(Seed);
        var (investigationPool, otherPool) = (investigations.Count, others.Count);
        Shuffle(investigations, random);
        Shuffle(others, random);

        using var assign = Command(db, tx, "UPDATE cases SET InvestigatingOfficer = $officer, Supervisor = $supervisor WHERE Id = $id", "$officer", "$supervisor", "$id");
        using var report = Command(db, tx,
            "INSERT INTO case_reports (CaseId, State, Summary, SubmittedBy, SubmittedAt, Submissions, DecidedBy, DecidedAt, Comments) "
            + "VALUES ($id, $state, $summary, $by, $at, 1, $decidedBy, $decidedAt, $comments)",
            "$id", "$state", "$summary", "$by", "$at", "$decidedBy", "$decidedAt", "$comments");
        var now = TimeProvider.System.GetUtcNow();
        var supervisorOf = People.Where(p => p.Supervises).ToDictionary(p => p.Team);
        int submitted = 0, returned = 0;
        foreach (var officer in People.Where(p => !p.Supervises))
        {
            var investigator = officer.Role == "dps_investigator";
            var pool = investigator ? investigations : others;
            var count = random.Next(MinCases, MaxCases + 1);
            if (pool.Count < count)
                throw new InvalidOperationException($"Only {pool.Count} unallocated live {(investigator ? "investigations" : "non-investigation cases")} are left for {officer.UserName}: use fewer --users or a larger bundle.");
            var supervisor = supervisorOf[officer.Team];
            for (var j = 0; j < count; j++)
            {
                var id = pool[^1];
                pool.RemoveAt(pool.Count - 1);
                Run(assign, officer.UserName, supervisor.UserName, id);
                if (investigator && j % 8 == 0)
                {
                    Run(report, id, "submitted", "Enquiries are complete; the evidence is set out allegation by allegation with a finding proposed on each.",
                        officer.UserName, now, null, null, null);
                    submitted++;
                }
                else if (investigator && j % 16 == 4)
                {
                    Run(report, id, "returned", "Enquiries are complete; the evidence is set out allegation by allegation with a finding proposed on each.",
                        officer.UserName, now, supervisor.UserName, now, "Please add the custody record's timings.");
                    returned++;
                }
            }
            officer.Investigating = count;
            supervisor.Supervising += count;
        }
        tx.Commit();

        var officers = People.Where(p => !p.Supervises).Select(p => p.Investigating).Order().ToList();
        var teams = People.Where(p => p.Supervises).Select(p => p.Supervising).Order().ToList();
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Caseloads: {officers.Sum():N0} of {investigationPool + otherPool:N0} unallocated live cases ({investigationPool:N0} investigations) ");
        sb.Append(CultureInfo.InvariantCulture, $"allocated to {officers.Count} officers ({officers[0]}–{officers[^1]} each, median {officers[officers.Count / 2]}) ");
        sb.Append(CultureInfo.InvariantCulture, $"under {teams.Count} supervisors (teams of {teams[0]}–{teams[^1]} cases); {submitted} reports awaiting sign-off, {returned} returned.");
        return sb.ToString();
    }

    private static void Shuffle(List<string> list, Random random)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

    private static void Execute(SqliteConnection db, SqliteTransaction tx, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection db, SqliteTransaction tx, string sql, params string[] parameters)
    {
        var cmd = db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var p in parameters) cmd.Parameters.Add(new SqliteParameter { ParameterName = p });
        return cmd;
    }

    private static void Run(SqliteCommand cmd, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
        cmd.ExecuteNonQuery();
    }
}

internal static class Load
{
    /// <summary>The machine's load average (1, 5 and 15 minutes), from /proc/loadavg on Linux.</summary>
    public static string Average() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
