using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.AccessMonitoring.EventStore;
using Probity.Database;

namespace Probity.IntegrationTests;

/// <summary>Review of the access-event store (ADR 0008, review addendum) through the host.</summary>
public sealed class AdversarialEventStoreReviewTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_batch_whose_lines_end_in_a_bare_CR_is_refused_with_the_reason_and_audited_not_a_500()
    {
        await using var app = await Apps.CreateAsync(Provider.Sqlite, demo: false);
        var http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        // An old exporter's line ends: one long line to the scan, three rows to DuckDB's reader.
        var body = Encoding.UTF8.GetBytes(
            "event_time,staff_id,system,action,record_type,record_id,subject_person_id,workstation_id,reason_ref\r"
            + "2010-12-30T09:15:00Z,s000101,cris,view,crime,CR900001,P900001,WS1,\r"
            + "2010-12-30T09:16:00Z,s000101,pnc,search,person,,P900001,WS1,\r");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/access-events") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        request.Headers.Add("X-Probity-Ingest-Key", ProbityApp.IngestKey);

        var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using (var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)))
            Assert.Contains("line 1: the header row cannot be read (has a carriage return outside quotes)", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await app.Services.GetRequiredService<IAccessEventStore>().SummaryAsync(Ct)).Segments);
        await using var scope = app.SystemScope();
        var audited = await scope.ServiceProvider.GetRequiredService<ProbityDb>().AuditEntries.Where(e => e.Target == "access_events").ToListAsync(Ct);
        Assert.Single(audited, e => e.Detail!.Contains("refused: http:", StringComparison.Ordinal) && e.Detail.Contains("carriage return", StringComparison.Ordinal));
    }
}
