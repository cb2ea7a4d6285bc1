using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Probity.Kernel;
using Probity.Interchange.Pif;

namespace Probity.Interchange.Mapping;

/// <summary>
/// How another system's export becomes PIF-1 (docs/mapping.md): which source files there are and how they join, a rule per
/// PIF-1 file saying which source rows make its rows and how each PIF-1 column is derived (a column, several in turn, a
/// constant or a template; value maps for codes; date formats; a pattern to pull out part of a cell), and what to do with
/// rows that repeat a key. A file that is wrong is refused naming the place in it (<c>targets[2].fields.category.map</c>).
/// </summary>
internal sealed class MappingFile
{
    public const string Format = "probity-mapping/1";

    public required string Name { get; init; }
    public string? Description { get; init; }
    /// <summary>Cell values that mean "empty" in this export (after trimming), e.g. "NA", "N/A".</summary>
    public required IReadOnlySet<string> Nulls { get; init; }
    public required IReadOnlyDictionary<string, MappingSource> Sources { get; init; }
    public required IReadOnlyDictionary<string, ValueMap> Maps { get; init; }
    public required IReadOnlyList<MappingRule> Rules { get; init; }

    public static MappingFile Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new ActionRefusedException($"The mapping file {path} does not exist.");
        using var stream = File.OpenRead(path);
        return Parse(stream, Path.GetFileName(path));
    }

    public static MappingFile Parse(Stream json, string label)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new ActionRefusedException($"{label}: not valid JSON at line {(ex.LineNumber ?? 0) + 1}: {ex.Message}");
        }
        using (doc)
            return new Parser(label).File(doc.RootElement);
    }

    private sealed class Parser(string label)
    {
        private ActionRefusedException Wrong(string where, string what) => new($"{label}: {where}: {what}");

        public MappingFile File(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object) throw Wrong("the file", "must be a JSON object");
            var format = Str(root, "format", "format", required: true);
            if (format != Format) throw Wrong("format", $"must be \"{Format}\" (it is \"{format}\")");
            Known(root, "the file", "format", "name", "description", "nulls", "sources", "maps", "targets");
            var nulls = new HashSet<string>(StringComparer.Ordinal) { "" };
            if (root.TryGetProperty("nulls", out var n))
                foreach (var v in Array(n, "nulls")) nulls.Add(Text(v, "nulls[]").Trim());

            var sources = new Dictionary<string, MappingSource>(StringComparer.Ordinal);
            var sourcesElement = Obj(root, "sources", "sources");
            foreach (var p in sourcesElement.EnumerateObject())
                sources[p.Name] = Source(p.Value, $"sources.{p.Name}");
            if (sources.Count == 0) throw Wrong("sources", "name at least one source file");
            foreach (var (name, s) in sources)
                foreach (var (lookupName, lookup) in s.Lookups)
                    if (!sources.ContainsKey(lookup.Source)) throw Wrong($"sources.{name}.lookups.{lookupName}.source", $"'{lookup.Source}' is not a source");

            var maps = new Dictionary<string, ValueMap>(StringComparer.Ordinal);
            if (root.TryGetProperty("maps", out var m))
            {
                if (m.ValueKind != JsonValueKind.Object) throw Wrong("maps", "must be an object of named value maps");
                foreach (var p in m.EnumerateObject()) maps[p.Name] = Map(p.Value, $"maps.{p.Name}", p.Name);
            }

            var rules = new List<MappingRule>();
            var targets = root.TryGetProperty("targets", out var t) ? Array(t, "targets") : throw Wrong("targets", "is missing: say which PIF-1 files to make");
            var i = 0;
            foreach (var target in targets) rules.Add(Rule(target, $"targets[{i++}]", sources, maps));
            if (!rules.Any(r => r.File == PifSchema.Units) || !rules.Any(r => r.File == PifSchema.Staff))
                throw Wrong("targets", "a bundle needs units.csv and staff.csv: give a rule for each");
            return new MappingFile
            {
                Name = Str(root, "name", "name", required: true)!, Description = Str(root, "description", "description"),
                Nulls = nulls, Sources = sources, Maps = maps, Rules = rules,
            };
        }

        private MappingSource Source(JsonElement e, string where)
        {
            if (e.ValueKind != JsonValueKind.Object) throw Wrong(where, "must be an object with \"file\"");
            Known(e, where, "file", "lookups");
            var file = Str(e, "file", where + ".file", required: true)!;
            if (file.IndexOfAny(['/', '\\']) >= 0 || file is "." or "..") throw Wrong(where + ".file", "must be a file name in the source folder, with no folder part");
            var lookups = new Dictionary<string, MappingLookup>(StringComparer.Ordinal);
            if (e.TryGetProperty("lookups", out var l))
            {
                if (l.ValueKind != JsonValueKind.Object) throw Wrong(where + ".lookups", "must be an object");
                foreach (var p in l.EnumerateObject())
                {
                    var w = $"{where}.lookups.{p.Name}";
                    if (p.Value.ValueKind != JsonValueKind.Object) throw Wrong(w, "must be an object with source, on and key");
                    Known(p.Value, w, "source", "on", "key");
                    var on = Str(p.Value, "on", w + ".on", required: true)!;
                    lookups[p.Name] = new MappingLookup(Str(p.Value, "source", w + ".source", required: true)!, on, Str(p.Value, "key", w + ".key") ?? on);
                }
            }
            return new MappingSource(file, lookups);
        }

        private ValueMap Map(JsonElement e, string where, string name)
        {
            if (e.ValueKind != JsonValueKind.Object) throw Wrong(where, "must be an object of source value → code");
            // The long form says how to match; the short form is just the values.
            var structured = e.TryGetProperty("values", out _) || e.TryGetProperty("patterns", out _) || e.TryGetProperty("otherwise", out _);
            var ignoreCase = structured && e.TryGetProperty("ignoreCase", out var ic) && ic.ValueKind == JsonValueKind.True;
            var values = new Dictionary<string, string?>(ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
            var patterns = new List<(Regex, string?)>();
            string? otherwise = null;
            var hasOtherwise = false;
            if (structured)
            {
                Known(e, where, "values", "patterns", "otherwise", "ignoreCase");
                if (e.TryGetProperty("values", out var v)) Values(v, where + ".values");
                if (e.TryGetProperty("patterns", out var ps))
                {
                    if (ps.ValueKind != JsonValueKind.Object) throw Wrong(where + ".patterns", "must be an object of regular expression → code");
                    foreach (var p in ps.EnumerateObject())
                        patterns.Add((Pattern(p.Name, $"{where}.patterns", ignoreCase, groups: false), Code(p.Value, $"{where}.patterns.{p.Name}")));
                }
                if (e.TryGetProperty("otherwise", out var o)) { hasOtherwise = true; otherwise = Code(o, where + ".otherwise"); }
            }
            else Values(e, where);
            return new ValueMap(name, values, patterns, hasOtherwise, otherwise);

            void Values(JsonElement obj, string w)
            {
                if (obj.ValueKind != JsonValueKind.Object) throw Wrong(w, "must be an object of source value → code");
                foreach (var p in obj.EnumerateObject())
                    if (!values.TryAdd(p.Name.Trim(), Code(p.Value, $"{w}.{p.Name}"))) throw Wrong(w, $"'{p.Name}' is given twice");
            }
        }

        private string? Code(JsonElement e, string where) => e.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => e.GetString(),
            _ => throw Wrong(where, "must be a string (the PIF-1 value) or null (empty)"),
        };

        private Regex Pattern(string text, string where, bool ignoreCase, bool groups)
        {
            Regex regex;
            try
            {
                // Linear time whatever the pattern or the cell: an export cannot make the import hang or time out.
                regex = new Regex(text, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking | (ignoreCase ? RegexOptions.IgnoreCase : 0));
            }
            catch (ArgumentException ex)
            {
                throw Wrong(where, $"'{text}' is not a regular expression: {ex.Message}");
            }
            if (groups && regex.GetGroupNumbers().Length < 2) throw Wrong(where, $"'{text}' needs one group in brackets: the part of the cell to keep");
            return regex;
        }

        private MappingRule Rule(JsonElement e, string where, Dictionary<string, MappingSource> sources, Dictionary<string, ValueMap> maps)
        {
            if (e.ValueKind != JsonValueKind.Object) throw Wrong(where, "must be an object with file, from and fields");
            Known(e, where, "file", "from", "fields", "key", "duplicates", "skipWhenEmpty", "note");
            var fileName = Str(e, "file", where + ".file", required: true)!;
            var file = PifSchema.Find(fileName) ?? throw Wrong(where + ".file", $"'{fileName}' is not a PIF-1 file ({string.Join(", ", PifSchema.All.Select(f => f.Name))})");
            var from = Str(e, "from", where + ".from", required: true)!;
            if (!sources.TryGetValue(from, out var source)) throw Wrong(where + ".from", $"'{from}' is not a source ({string.Join(", ", sources.Keys)})");
            var fields = new Dictionary<string, FieldRule>(StringComparer.Ordinal);
            foreach (var p in Obj(e, "fields", where + ".fields").EnumerateObject())
            {
                if (file.IndexOf(p.Name) < 0) throw Wrong($"{where}.fields.{p.Name}", $"{file.Name} has no column '{p.Name}' ({string.Join(", ", file.Columns)})");
                fields[p.Name] = Field(p.Value, $"{where}.fields.{p.Name}", source, maps);
            }
            foreach (var required in file.Required)
                if (!fields.ContainsKey(required)) throw Wrong(where + ".fields", $"{file.Name} needs '{required}'");
            var key = e.TryGetProperty("key", out var k) ? Array(k, where + ".key").Select(x => Text(x, where + ".key[]")).ToList() : DefaultKey(file);
            foreach (var c in key) if (!fields.ContainsKey(c)) throw Wrong(where + ".key", $"'{c}' is not one of this rule's fields");
            var duplicates = Str(e, "duplicates", where + ".duplicates") ?? "identical";
            if (duplicates is not ("identical" or "first" or "last")) throw Wrong(where + ".duplicates", "must be identical, first or last");
            var skip = e.TryGetProperty("skipWhenEmpty", out var s) ? Array(s, where + ".skipWhenEmpty").Select(x => Text(x, where + ".skipWhenEmpty[]")).ToList() : [];
            foreach (var c in skip) if (!fields.ContainsKey(c)) throw Wrong(where + ".skipWhenEmpty", $"'{c}' is not one of this rule's fields");
            return new MappingRule(where, file, from, fields, key, duplicates, skip);
        }

        private static List<string> DefaultKey(PifFile file) =>
            file == PifSchema.Sanctions ? ["staff_id", "case_id", "outcome"]
            : file == PifSchema.Postings ? ["staff_id", "unit_id", "from_date"]
            : file == PifSchema.Exposure ? ["staff_id", "month"]
            : file == PifSchema.Population ? ["unit_id", "ethnicity", "gender", "age_band"]
            : file == PifSchema.Associations ? ["staff_id", "person_id", "relation", "from_date"]
            : file == PifSchema.Assignments ? [.. file.Columns]
            : [file.Columns[0]];

        private FieldRule Field(JsonElement e, string where, MappingSource source, Dictionary<string, ValueMap> maps)
        {
            if (e.ValueKind == JsonValueKind.String) return new FieldRule(where, [Column(e.GetString()!, where, source)], null, null, null, null, [], false);
            if (e.ValueKind != JsonValueKind.Object) throw Wrong(where, "must be a column name or an object (column, value, template, map, date, pattern, optional)");
            Known(e, where, "column", "value", "template", "map", "date", "pattern", "optional");
            var columns = new List<ColumnRef>();
            if (e.TryGetProperty("column", out var c))
            {
                if (c.ValueKind == JsonValueKind.String) columns.Add(Column(c.GetString()!, where + ".column", source));
                else foreach (var x in Array(c, where + ".column")) columns.Add(Column(Text(x, where + ".column[]"), where + ".column", source));
            }
            var constant = e.TryGetProperty("value", out var v) ? Code(v, where + ".value") ?? "" : null;
            Template? template = null;
            if (e.TryGetProperty("template", out var t)) template = Template.Parse(Text(t, where + ".template"), where + ".template", name => Column(name, where + ".template", source), Wrong);
            var given = (columns.Count > 0 ? 1 : 0) + (constant is not null ? 1 : 0) + (template is not null ? 1 : 0);
            if (given != 1) throw Wrong(where, "give exactly one of column, value or template");
            ValueMap? map = null;
            if (e.TryGetProperty("map", out var m))
                map = m.ValueKind == JsonValueKind.String
                    ? maps.GetValueOrDefault(m.GetString()!) ?? throw Wrong(where + ".map", $"'{m.GetString()}' is not one of the maps ({string.Join(", ", maps.Keys)})")
                    : Map(m, where + ".map", where);
            var dates = new List<string>();
            if (e.TryGetProperty("date", out var d))
            {
                if (d.ValueKind == JsonValueKind.String) dates.Add(d.GetString()!);
                else foreach (var x in Array(d, where + ".date")) dates.Add(Text(x, where + ".date[]"));
                foreach (var f in dates)
                {
                    // A format must carry the day, month and year back: "qq" formats without error but reads no date.
                    var sample = new DateOnly(2001, 2, 3);
                    bool roundTrips;
                    try { roundTrips = DateOnly.TryParseExact(sample.ToString(f, CultureInfo.InvariantCulture), f, CultureInfo.InvariantCulture, DateTimeStyles.None, out var back) && back == sample; }
                    catch (FormatException) { roundTrips = false; }
                    if (!roundTrips) throw Wrong(where + ".date", $"'{f}' is not a date format (e.g. yyyy-MM-dd, d/M/yyyy)");
                }
            }
            var pattern = e.TryGetProperty("pattern", out var p) ? Pattern(Text(p, where + ".pattern"), where + ".pattern", false, groups: true) : null;
            var optional = e.TryGetProperty("optional", out var o) && o.ValueKind == JsonValueKind.True;
            return new FieldRule(where, columns, constant, template, pattern, map, dates, optional);
        }

        /// <summary>"col" is a column of the rule's source; "lookup.col" a column of the row a lookup finds.</summary>
        private ColumnRef Column(string name, string where, MappingSource source)
        {
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0 && source.Lookups.ContainsKey(name[..dot])) return new ColumnRef(name[..dot], name[(dot + 1)..]);
            if (string.IsNullOrWhiteSpace(name)) throw Wrong(where, "a column name is empty");
            return new ColumnRef(null, name);
        }

        private JsonElement.ArrayEnumerator Array(JsonElement e, string where) =>
            e.ValueKind == JsonValueKind.Array ? e.EnumerateArray() : throw Wrong(where, "must be a list");

        private string Text(JsonElement e, string where) =>
            e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Wrong(where, "must be a string");

        private JsonElement Obj(JsonElement e, string name, string where) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : throw Wrong(where, "is missing or not an object");

        private string? Str(JsonElement e, string name, string where, bool required = false)
        {
            if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
                return required ? throw Wrong(where, "is missing") : null;
            return v.ValueKind == JsonValueKind.String ? v.GetString() : throw Wrong(where, "must be a string");
        }

        private void Known(JsonElement e, string where, params string[] names)
        {
            foreach (var p in e.EnumerateObject())
                if (System.Array.IndexOf(names, p.Name) < 0) throw Wrong(where, $"'{p.Name}' is not a setting here ({string.Join(", ", names)})");
        }
    }
}

/// <param name="Lookups">Named joins: for each row, the first row of another source whose <c>key</c> column equals this row's <c>on</c> column.</param>
internal sealed record MappingSource(string File, IReadOnlyDictionary<string, MappingLookup> Lookups);

internal sealed record MappingLookup(string Source, string On, string Key);

/// <summary>A source column: of the rule's own row, or (with <see cref="Lookup"/>) of the row a lookup found.</summary>
internal sealed record ColumnRef(string? Lookup, string Column)
{
    public override string ToString() => Lookup is null ? Column : $"{Lookup}.{Column}";
}

/// <summary>
/// Source values → PIF-1 codes: exact values first, then patterns, then "otherwise". A value it does not know is an
/// error (quarantined) unless there is an "otherwise"; a code of null means "leave empty".
/// </summary>
internal sealed record ValueMap(string Name, IReadOnlyDictionary<string, string?> Values, IReadOnlyList<(Regex Pattern, string? Code)> Patterns, bool HasOtherwise, string? Otherwise)
{
    public bool TryMap(string value, out string? code)
    {
        if (Values.TryGetValue(value, out code)) return true;
        foreach (var (pattern, c) in Patterns)
            if (pattern.IsMatch(value)) { code = c; return true; }
        code = Otherwise;
        return HasOtherwise;
    }
}

/// <summary>A template such as "{complaint_id}-{officer_id}-{#}": columns in braces; {#} numbers rows that would otherwise share the rest of the value.</summary>
internal sealed record Template(string Text, IReadOnlyList<(string Literal, ColumnRef? Column, bool Sequence)> Parts)
{
    public bool HasSequence => Parts.Any(p => p.Sequence);

    public static Template Parse(string text, string where, Func<string, ColumnRef> column, Func<string, string, Exception> wrong)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(wrong);
        var parts = new List<(string, ColumnRef?, bool)>();
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf('{', i);
            if (open < 0) { parts.Add((text[i..], null, false)); break; }
            if (open > i) parts.Add((text[i..open], null, false));
            var close = text.IndexOf('}', open);
            if (close < 0) throw wrong(where, $"'{text}': a '{{' is never closed");
            var name = text[(open + 1)..close].Trim();
            if (name.Length == 0) throw wrong(where, $"'{text}': empty braces");
            parts.Add(name == "#" ? ("", null, true) : ("", column(name), false));
            i = close + 1;
        }
        // {#} alone only counts rows: an id made from no column ties nothing back to the source.
        if (parts.All(p => p.Item2 is null)) throw wrong(where, $"'{text}' names no column: use \"value\" for a constant");
        return new Template(text, parts);
    }
}

/// <param name="Columns">Tried in turn: the first that gives a value (after nulls and the map) is used.</param>
/// <param name="Optional">A bad value leaves the field empty (reported) instead of quarantining the row.</param>
internal sealed record FieldRule(string Where, IReadOnlyList<ColumnRef> Columns, string? Constant, Template? Template, Regex? Pattern, ValueMap? Map,
    IReadOnlyList<string> DateFormats, bool Optional);

/// <summary>One rule: rows of <see cref="From"/> become rows of <see cref="File"/>.</summary>
/// <param name="Key">The PIF-1 columns that identify a row; rows repeating a key are merged (<see cref="Duplicates"/>).</param>
/// <param name="Duplicates">identical: a repeat must say the same (else it is quarantined); first / last: which repeat wins.</param>
/// <param name="SkipWhenEmpty">A row whose value for one of these columns comes out empty makes no row here (e.g. no sanction).</param>
internal sealed record MappingRule(string Where, PifFile File, string From, IReadOnlyDictionary<string, FieldRule> Fields, IReadOnlyList<string> Key,
    string Duplicates, IReadOnlyList<string> SkipWhenEmpty);
