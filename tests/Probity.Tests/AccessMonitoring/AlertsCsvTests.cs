using Probity.Infrastructure;
using Probity.AccessMonitoring.Detection;
using Probity.AccessMonitoring.EventStore;
using static Probity.Tests.AccessMonitoring.EventStoreFolder;

namespace Probity.Tests.AccessMonitoring;

/// <summary>alerts.csv goes to case-management systems and spreadsheets: a fixed header and RFC 4180 quoting.</summary>
public sealed class AlertsCsvTests
{
    private const string Header = "alert_id,staff_id,rule,score,first_event_time,last_event_time,event_count,explanation";

    private static ScoredAlert Alert(string staff, string explanation, double score = 87.5) => new(
        "MA-0123456789ab",
        new MisuseSignal(MisuseRuleIds.AssociatedPerson, staff, "P1", Utc("2026-06-02T08:15:00+01:00"), Utc("2026-06-02T09:30:00Z"), 3,
            new Dictionary<string, double>(), new Dictionary<string, string>(), Array.Empty<AccessEvent>()),
        score, explanation);

    private static async Task<string> WriteAsync(params ScoredAlert[] alerts)
    {
        using var writer = new StringWriter();
        await DetectMisuse.WriteCsvAsync(writer, alerts, TestContext.Current.CancellationToken);
        return writer.ToString();
    }

    private static List<string[]> Parse(string csv)
    {
        var reader = new CsvRecordReader(new StringReader(csv));
        var rows = new List<string[]>();
        while (reader.Read()) rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader[i].ToString()).ToArray());
        return rows;
    }

    [Fact]
    public async Task The_header_is_exactly_the_documented_columns_even_with_no_alerts()
    {
        Assert.Equal(Header + "\r\n", await WriteAsync());
    }

    [Fact]
    public async Task A_plain_alert_is_one_line_with_UTC_times_and_an_invariant_score()
    {
        var csv = await WriteAsync(Alert("S1", "Accessed records about P1 3 times"));

        Assert.Equal(
            Header + "\r\n" + "MA-0123456789ab,S1,associated_person,87.5,2026-06-02T07:15:00Z,2026-06-02T09:30:00Z,3,Accessed records about P1 3 times\r\n",
            csv);
    }

    [Fact]
    public async Task Explanations_with_commas_quotes_and_line_breaks_are_quoted_and_read_back_unchanged()
    {
        const string explanation = "Accessed records about P1, \"Smith\" (flagged ocn nominal) twice,\nwith no covering assignment.";
        const string staff = "S1,old";

        var rows = Parse(await WriteAsync(Alert(staff, explanation), Alert("S2", "plain")));

        Assert.Equal(3, rows.Count);
        Assert.Equal(Header.Split(','), rows[0]);
        Assert.All(rows, r => Assert.Equal(8, r.Length));
        Assert.Equal(staff, rows[1][1]);
        Assert.Equal(explanation, rows[1][7]);
        Assert.Equal("plain", rows[2][7]);
    }

    [Fact]
    public async Task A_quoted_field_doubles_its_quotes()
    {
        var csv = await WriteAsync(Alert("S1", "said \"no reason\""));

        Assert.EndsWith(",3,\"said \"\"no reason\"\"\"\r\n", csv, StringComparison.Ordinal);
    }
}
