using System.Globalization;
using System.Text;

/// <summary>
/// Audit-log files in shapes the simulation (<c>AccessSimulation.WriteCsv</c>) never writes, for ingest figures that do not
/// flatter the reader (issue 12): written here, in the bench, by code that shares nothing with the simulation, after the
/// exports of record-management and intelligence systems that forces run. What differs from the simulation's files:
/// <list type="bullet">
/// <item>a UTF-8 byte-order mark and CRLF line ends (a Windows export);</item>
/// <item>the columns in another order, with an extra column Probity does not know (a session id), which it must ignore;</item>
/// <item>staff ids of four shapes: warrant numbers with leading zeros, payroll numbers with a prefix, e-mail-style
///   log-ons and GUIDs;</item>
/// <item>record ids with slashes, colons and years (<c>CRIS/5401234/24</c>, <c>NICHE:OCC-2024-00012345</c>), person ids
///   that are names with a comma and a date of birth, quoted (<c>"SMITH, John (1980-01-02)"</c>);</item>
/// <item>times with a BST offset, with Z, with a space instead of the T, with fractions of 1 to 6 digits and a negative
///   offset now and then;</item>
/// <item>reasons as free text, quoted, with commas and doubled quotes, or blank;</item>
/// <item>every field quoted in a tenth of the lines (some exporters quote everything).</item>
/// </list>
/// Every line is valid: the figures are for the full path (hash, scan, parse, validate, partition, write), not for the quarantine.
/// </summary>
internal static class ForeignAuditLog
{
    public const string Header = "staff_id,event_time,action,system,record_type,record_id,subject_person_id,reason_ref,workstation_id,session_id";

    private static readonly string[] Systems = ["CRIMINT+", "Niche RMS", "PNC", "PND", "CAD", "NSPIS Custody", "CRIS", "Merlin"];
    private static readonly string[] Actions = ["view", "view", "view", "view", "search", "search", "search", "update", "print", "export", "create"];
    private static readonly string[] RecordTypes = ["person", "person", "crime", "intelligence", "vehicle", "address", "incident", "custody", "other"];
    private static readonly string[] Surnames = ["SMITH", "O'BRIEN", "NGUYEN", "KOWALSKI", "AHMED", "DA SILVA", "MÜLLER", "OKAFOR", "ÅBERG", "PATEL"];
    private static readonly string[] Forenames = ["John", "Aisha", "Zoë", "Mohammed", "Siobhán", "Wei", "Olu", "Marta"];
    private static readonly string[] Reasons = ["", "", "", "Job \"{0}\" follow-up, per DS", "CAD {0}, call back", "Intel dev't, op {0}", "{0}", "Custody record {0}; review"];

    /// <summary>Writes <paramref name="events"/> lines from <paramref name="start"/> on, a few seconds apart, and returns the file's size.</summary>
    public static long Write(string path, long events, int seed, DateTimeOffset start)
    {
        var random = new Random(seed);
        var staff = Enumerable.Range(0, 5_000).Select(i => StaffId(random, i)).ToArray();
        var persons = Enumerable.Range(0, 200_000).Select(i => PersonId(random, i)).ToArray();
        var line = new StringBuilder(256);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var writer = new StreamWriter(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 20) { NewLine = "\r\n" };
        writer.WriteLine(Header);
        var ticksApart = (long)(TimeSpan.FromDays(1).Ticks / Math.Max(1, events / 7.0));
        var at = start;
        for (long i = 0; i < events; i++)
        {
            at = at.AddTicks(1 + random.NextInt64(ticksApart * 2));
            var quoteAll = random.Next(10) == 0;
            var recordType = RecordTypes[random.Next(RecordTypes.Length)];
            var action = Actions[random.Next(Actions.Length)];
            var person = random.Next(4) == 0 ? "" : persons[(int)Math.Min(persons.Length - 1, Math.Abs(random.NextDouble() * random.NextDouble() * persons.Length))];
            var record = action == "search" && random.Next(3) == 0 ? "" : RecordId(random, recordType);
            line.Clear();
            Field(line, staff[random.Next(staff.Length)], quoteAll).Append(',');
            Field(line, Time(random, at), quoteAll).Append(',');
            Field(line, action, quoteAll).Append(',');
            Field(line, Systems[random.Next(Systems.Length)], quoteAll).Append(',');
            Field(line, recordType, quoteAll).Append(',');
            Field(line, record, quoteAll).Append(',');
            Field(line, person, quoteAll).Append(',');
            Field(line, string.Format(CultureInfo.InvariantCulture, Reasons[random.Next(Reasons.Length)], random.Next(1, 99_999).ToString("D5", CultureInfo.InvariantCulture)), quoteAll).Append(',');
            Field(line, $"WKS-{random.Next(1, 4_000):X4}", quoteAll).Append(',');
            Field(line, Guid.NewGuid().ToString("N")[..12], quoteAll);
            writer.WriteLine(line);
        }
        writer.Flush();
        return file.Length;
    }

    private static string StaffId(Random random, int i) => (i % 4) switch
    {
        0 => random.Next(1, 250_000).ToString("D6", CultureInfo.InvariantCulture),
        1 => "MP" + random.Next(0, 99_999_999).ToString("D8", CultureInfo.InvariantCulture),
        2 => $"{Forenames[random.Next(Forenames.Length)].ToLowerInvariant()}.{Surnames[random.Next(Surnames.Length)].ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal)}{i}@force.police.uk",
        _ => Guid.NewGuid().ToString("D"),
    };

    private static string PersonId(Random random, int i) => (i % 3) switch
    {
        0 => $"{Surnames[random.Next(Surnames.Length)]}, {Forenames[random.Next(Forenames.Length)]} ({1950 + random.Next(55)}-{1 + random.Next(12):D2}-{1 + random.Next(28):D2})",
        1 => $"PND-{random.Next(0, 999_999_999):D9}",
        _ => $"{random.Next(60, 99):D2}/{random.Next(0, 999_999):D6}{(char)('A' + random.Next(26))}",
    };

    private static string RecordId(Random random, string recordType) => recordType switch
    {
        "crime" => $"CRIS/{random.Next(1_000_000, 9_999_999)}/{random.Next(10, 26)}",
        "intelligence" => $"NICHE:INT-20{random.Next(10, 26)}-{random.Next(0, 99_999_999):D8}",
        "incident" => $"CAD {random.Next(1, 9_999):D4} {1 + random.Next(28):D2}{(char)('A' + random.Next(12))}",
        "vehicle" => $"{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}{random.Next(10, 75)} {(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}",
        "custody" => $"{random.Next(1, 60):D2}/{random.Next(1, 99_999):D5}/{random.Next(10, 26)}",
        _ => $"NICHE:OCC-20{random.Next(10, 26)}-{random.Next(0, 99_999_999):D8}",
    };

    private static string Time(Random random, DateTimeOffset at)
    {
        var digits = random.Next(7);
        var fraction = digits == 0 ? "" : "." + at.UtcDateTime.ToString("ffffff", CultureInfo.InvariantCulture)[..digits];
        return random.Next(8) switch
        {
            0 or 1 or 2 => at.ToOffset(TimeSpan.FromHours(1)).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + fraction + "+01:00",
            3 or 4 => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + fraction + "Z",
            5 => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + fraction + "+00",
            6 => at.ToOffset(TimeSpan.FromHours(-5)).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + fraction + "-0500",
            _ => at.ToOffset(TimeSpan.FromHours(1)).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + fraction + "+0100",
        };
    }

    private static StringBuilder Field(StringBuilder line, string value, bool quote)
    {
        if (!quote && value.AsSpan().IndexOfAny(",\"\r\n") < 0) return line.Append(value);
        return line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
