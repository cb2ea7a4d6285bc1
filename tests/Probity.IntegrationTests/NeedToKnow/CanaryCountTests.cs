using System.Globalization;
using System.Text.RegularExpressions;

namespace Probity.IntegrationTests.NeedToKnow;

/// <summary>
/// Counts give a hidden case away as surely as its id: a number that moves when the canary exists tells the reader it
/// does. The subject officer and the canary borough have no cases but the restricted ones, so every count about them
/// must be 0 for everyone outside the grant; oversight members must count no live case at all; the self-subject user
/// must count nothing about themselves; and the home page's counts must match what the reader may see.
/// </summary>
public sealed partial class CanaryCountTests(CanaryForces forces)
{
    public static TheoryData<Provider, string> CaseReaders()
    {
        var data = new TheoryData<Provider, string>();
        foreach (var provider in new[] { Provider.Sqlite, Provider.Postgres })
            foreach (var reader in CanaryForce.Readers.Where(r => r != "admin"))
                data.Add(provider, reader);
        return data;
    }

    public static TheoryData<Provider, string> OutsideCaseReaders()
    {
        var data = new TheoryData<Provider, string>();
        foreach (var provider in new[] { Provider.Sqlite, Provider.Postgres })
            foreach (var reader in CanaryForce.Readers.Where(r => r is not "admin" and not CanaryForce.Grantee))
                data.Add(provider, reader);
        return data;
    }

    [Theory, MemberData(nameof(CaseReaders))]
    public async Task The_home_page_counts_only_the_cases_the_reader_may_see(Provider provider, string reader)
    {
        var sweep = await (await forces.GetAsync(provider)).SweepAsync();
        var page = sweep.Get(reader, "/");
        var shown = Stats(page.Body);
        var expected = sweep.ExpectedHome[reader];
        if (expected.Finalised is { } finalised)
        {
            // Oversight members: no live-case tiles (always 0 for them), only the finalised cases they may read.
            Assert.Equal([finalised], shown);
            return;
        }
        Assert.True(shown.Count >= 3, $"the home page shows {shown.Count} counts to {reader}");
        Assert.Equal(expected, new HomeCounts(shown[0], shown[1], shown[2]));
    }

    [Theory, MemberData(nameof(OutsideCaseReaders))]
    public async Task Nothing_counts_a_case_hidden_from_the_reader(Provider provider, string reader)
    {
        var f = await forces.GetAsync(provider);
        var sweep = await f.SweepAsync();
        var wrong = new List<string>();
        void Zero(string request, int? value, string what)
        {
            if (value != 0) wrong.Add($"{request}: {what} is {value?.ToString(CultureInfo.InvariantCulture) ?? "missing"}, expected 0");
        }

        var profile = Stats(sweep.Get(reader, $"/officers/{f.Subject}").Body);
        Zero($"/officers/{f.Subject}", profile.Sum(), "cases, allegations and substantiated findings of the subject officer");
        Zero($"/officers?q={f.Subject}", StaffAllegations(sweep.Get(reader, $"/officers?q={f.Subject}").Body, f.Subject), "the subject officer's allegation count");
        var unit = Stats(sweep.Get(reader, $"/units/{f.Unit}").Body);
        Zero($"/units/{f.Unit}", unit.Take(3).Sum(), "live, total and last-12-months cases of the canary borough");
        if (sweep.Get(reader, $"/units/{f.Unit}").Body.Contains("Allegations arising here", StringComparison.Ordinal))
            wrong.Add($"/units/{f.Unit}: lists allegations arising in the canary borough");
        // The Directorate unit that handles the restricted canaries (a restricted case never sits with a borough): nothing else.
        Zero($"/units/{f.DirectorateUnit}", Stats(sweep.Get(reader, $"/units/{f.DirectorateUnit}").Body).Take(3).Sum(), "live, total and last-12-months cases of the canary Directorate unit");
        foreach (var query in new[] { $"officer={f.Subject}", $"officer={f.Subject}&status=live", $"unit={f.Unit}", $"unit={f.Unit}&status=live&overdue=true",
                     $"unit={f.DirectorateUnit}&status=live", $"q={f.OldSummary}" })
        {
            Zero($"/api/cases?{query}", Total(sweep.Get(reader, $"/api/cases?{query}").Body), "total");
            Zero($"/cases?{query}", Found(sweep.Get(reader, $"/cases?{query}").Body), "cases found");
        }
        if (reader == CanaryForce.SelfUser)
        {
            Zero($"/officers/{f.SelfStaff}", Stats(sweep.Get(reader, $"/officers/{f.SelfStaff}").Body).Sum(), "cases, allegations and findings about the reader themselves");
            Zero($"/api/cases?officer={f.SelfStaff}", Total(sweep.Get(reader, $"/api/cases?officer={f.SelfStaff}").Body), "cases about the reader themselves");
        }
        if (reader == "oversight")
        {
            foreach (var e in sweep.Exchanges.Where(e => e.Reader == reader && e.Template == "/api/cases" && (e.Url.Contains("status=live", StringComparison.Ordinal)
                         || e.Url.Contains("status=in_hand", StringComparison.Ordinal) || e.Url.Contains("status=recorded", StringComparison.Ordinal) || e.Url.Contains("overdue=true", StringComparison.Ordinal))))
                Zero(e.Url, Total(e.Body), "live cases counted for an oversight member");
            Zero($"/officers/{f.LiveSubject}", Stats(sweep.Get(reader, $"/officers/{f.LiveSubject}").Body).Take(1).Sum(), "cases of the live case's subject");
        }
        Assert.True(wrong.Count == 0, $"Counts that give hidden cases away to {reader} on {provider}:\n" + string.Join("\n", wrong));
    }

    private static List<int> Stats(string html) =>
        Stat().Matches(html).Select(m => int.Parse(m.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)).ToList();

    private static int? Total(string json) => TotalField().Match(json) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    private static int? Found(string html) => FoundText().Match(html) is { Success: true } m ? int.Parse(m.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) : null;

    private static int? StaffAllegations(string html, string staffId) =>
        Regex.Match(html, $"href=\"/officers/{Regex.Escape(staffId)}\">[^<]*</a></td>(?:<td>(?:[^<]|<a [^>]*>[^<]*</a>)*</td>){{4}}<td>(\\d+)</td>") is { Success: true } m
            ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    [GeneratedRegex("<div class=\"stat\"[^>]*>([\\d,]+)</div>")]
    private static partial Regex Stat();

    [GeneratedRegex("\"total\":(\\d+)")]
    private static partial Regex TotalField();

    [GeneratedRegex("([\\d,]+) found")]
    private static partial Regex FoundText();
}
