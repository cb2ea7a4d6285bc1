using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Probity.IntegrationTests.NeedToKnow;

/// <summary>
/// Every case operation's page (/cases/{id}/{operation}), and the API's route decision, posted by someone the case is hidden from, with the
/// case's real current version (the worst case: they saw it before it was restricted). Each must answer exactly as it
/// does for a case that does not exist, and the case must not change. The self-subject user trying to close, restrict
/// or otherwise steer the case about themselves is the officer under investigation with a friend's login.
/// </summary>
/// <remarks>Runs after the read-only sweep (it waits for it): if a write got through, the sweep's answers are already taken.</remarks>
public sealed partial class CanaryWriteTests(CanaryForces forces)
{
    public static TheoryData<Provider, string> Writers()
    {
        var data = new TheoryData<Provider, string>();
        foreach (var provider in new[] { Provider.Sqlite, Provider.Postgres })
            foreach (var reader in new[] { "senior", "handler", CanaryForce.SelfUser, CanaryForce.Champion })
                data.Add(provider, reader);
        return data;
    }

    [Theory, MemberData(nameof(Writers))]
    public async Task A_hidden_case_cannot_be_changed_and_answers_like_one_that_does_not_exist(Provider provider, string reader)
    {
        var f = await forces.GetAsync(provider);
        await f.SweepAsync();
        var client = await f.App.SignInAsync(reader);
        var today = CanaryForce.Iso(f.Today);
        var problems = new List<string>();
        foreach (var caseId in f.HiddenFrom(reader))
        {
            var before = await f.CaseSnapshotAsync(caseId);
            var version = Regex.Match(before, "version=([0-9a-f-]{36})").Groups[1].Value;
            var ghost = CanarySweep.Ghost(f, caseId);
            var forms = new (string Operation, Dictionary<string, string> Fields)[]
            {
                ("route", new() { ["route"] = "local_resolution", ["date"] = today, ["reason"] = "moved" }),
                ("allocate", new() { ["unitId"] = "cst", ["reason"] = "moved" }),
                ("finding", new() { ["allegationId"] = caseId + "-A1", ["finding"] = "not_substantiated", ["date"] = today }),
                ("outcome", new() { ["staffId"] = f.Subject, ["outcome"] = "no_action", ["date"] = today }),
                ("lodge-appeal", new() { ["appealType"] = "investigation", ["date"] = today }),
                ("decide-appeal", new() { ["appealId"] = caseId + "-AP1", ["upheld"] = "true", ["date"] = today, ["reason"] = "x" }),
                ("decision", new() { ["decision"] = "No further action", ["date"] = today, ["reason"] = "Nothing to see" }),
                ("finalise", new() { ["date"] = today }),
                ("restrict", new() { ["principals"] = reader, ["reason"] = "Mine now" }),
                ("claim", new() { ["step"] = "outcome", ["outcome"] = "discontinued", ["outcomeOn"] = today, ["reason"] = "Dropped" }),
                ("severity", new() { ["staffId"] = f.Subject, ["severity"] = "misconduct", ["date"] = today, ["rationale"] = "Reassessed" }),
                ("hearing", new() { ["staffId"] = f.Subject, ["kind"] = "misconduct_meeting", ["heldOn"] = today, ["chair"] = f.Accessor }),
                ("correct-intake", new() { ["caseType"] = "conduct_matter", ["receivedOn"] = today, ["recordedOn"] = today, ["source"] = "internal", ["locationUnitId"] = f.Unit, ["summary"] = "Nothing to see", ["reason"] = "Tidying up" }),
            };
            foreach (var (operation, fields) in forms)
            {
                var real = await client.PostFormAsync($"/cases/{caseId}/{operation}", new(fields) { ["version"] = version }, "/");
                var none = await client.PostFormAsync($"/cases/{ghost}/{operation}", new(fields) { ["version"] = version }, "/");
                await CompareAsync(problems, $"POST /cases/{caseId}/{operation}", caseId, ghost, real, none);
            }
            var token = await CanaryForce.ApiTokenAsync(client);
            HttpRequestMessage Route(string id)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{id}/route") { Content = JsonContent.Create(new { version, route = "local_resolution", decidedOn = today, reason = "moved" }) };
                request.Headers.Add("X-CSRF-TOKEN", token);
                return request;
            }
            await CompareAsync(problems, $"POST /api/cases/{caseId}/route", caseId, ghost, await client.Http.SendAsync(Route(caseId)), await client.Http.SendAsync(Route(ghost)));
            var after = await f.CaseSnapshotAsync(caseId);
            if (before != after) problems.Add($"{caseId} changed:\n  before: {before}\n  after:  {after}");
        }
        Assert.True(problems.Count == 0, $"{reader} writing to cases hidden from them on {provider}:\n" + string.Join("\n", problems));
    }

    public static TheoryData<Provider, string> AlertDeciders()
    {
        var data = new TheoryData<Provider, string>();
        foreach (var provider in new[] { Provider.Sqlite, Provider.Postgres })
            foreach (var reader in new[] { "investigator", "senior" })
                data.Add(provider, reader);
        return data;
    }

    /// <summary>
    /// The alert behind the restricted case raised again: the refusal (or anything else the next page says) must not
    /// name the case. A POST's answer is a way in as much as a GET's.
    /// </summary>
    [Theory, MemberData(nameof(AlertDeciders))]
    public async Task Raising_an_alert_again_does_not_name_the_hidden_case_it_became(Provider provider, string reader)
    {
        var f = await forces.GetAsync(provider);
        await f.SweepAsync();
        var client = await f.App.SignInAsync(reader);
        var url = $"/monitoring/alerts/{f.AlertId}";
        var before = Regex.Match(await client.Http.GetStringAsync(url), "name=\"version\" value=\"([^\"]+)\"").Groups[1].Value;
        var raised = await client.PostFormAsync(url + "?handler=RaiseCase", new() { ["version"] = before, ["note"] = "again" }, "/");
        var next = raised.Headers.Location is { } location ? await client.Http.GetStringAsync(location) : await raised.Content.ReadAsStringAsync();
        var told = (raised.Headers.Location?.OriginalString ?? "") + "\n" + WebUtility.HtmlDecode(next);
        var problems = new List<string>();
        foreach (var marker in f.RestrictedMarkers.Where(m => told.Contains(m.Text, StringComparison.Ordinal)))
            problems.Add($"the answer names the {marker.What} ({marker.Text}): …{CanarySweep.Excerpt(told, told.IndexOf(marker.Text, StringComparison.Ordinal))}…");
        Assert.True(problems.Count == 0, $"{reader} raising alert {f.AlertId} again on {provider}:\n" + string.Join("\n", problems));
    }

    private static async Task CompareAsync(List<string> problems, string request, string caseId, string ghost, HttpResponseMessage real, HttpResponseMessage none)
    {
        var location = Uri.UnescapeDataString(real.Headers.Location?.OriginalString ?? "");
        var ghostLocation = Uri.UnescapeDataString(none.Headers.Location?.OriginalString ?? "").Replace(ghost, caseId, StringComparison.Ordinal);
        var body = Normalise(await real.Content.ReadAsStringAsync());
        var ghostBody = Normalise((await none.Content.ReadAsStringAsync()).Replace(ghost, caseId, StringComparison.Ordinal));
        if (real.StatusCode != none.StatusCode || location != ghostLocation || body != ghostBody)
            problems.Add($"{request}: answered {(int)real.StatusCode} {location} where a missing case answers {(int)none.StatusCode} {ghostLocation}");
    }

    private static string Normalise(string body) => TraceId().Replace(Token().Replace(body, ""), "");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]*\"")]
    private static partial Regex Token();

    [GeneratedRegex("\"traceId\":\"[^\"]*\"")]
    private static partial Regex TraceId();
}
