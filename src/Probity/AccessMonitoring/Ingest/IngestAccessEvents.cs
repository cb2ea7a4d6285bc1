using Probity.AuditTrail.Contracts;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Features;
using Probity.AccessMonitoring.EventStore;
using Probity.Identity.Contracts;

namespace Probity.AccessMonitoring.Ingest;

/// <summary>
/// POST /api/access-events: another system streams a batch of its audit log (access_events.csv, plain or gzip) into
/// the event store. Idempotent per content: the same batch sent twice is stored once, and the answer says so.
/// </summary>
internal static partial class IngestAccessEvents
{
    public const string Path = "/api/access-events";
    public const long DefaultMaxBytes = 256L * 1024 * 1024;
    public const string MaxBytesSetting = "Probity:AccessMonitoring:IngestMaxBytes";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost(Path, HandleAsync)
            .RequireAuthorization(Policies.IngestAccessEvents)
            // Authenticated by a key in a header, never by a cookie, so there is no cross-site request to forge.
            .DisableAntiforgery();

    internal sealed record Answer(long SegmentId, long Events, long Quarantined, bool Duplicate, IReadOnlyList<string> Warnings);

    private static async Task<IResult> HandleAsync(HttpContext http, IAccessEventStore store, Audit audit, IConfiguration configuration, CancellationToken ct)
    {
        var request = http.Request;
        var label = http.User.FindFirst(IngestKeyAuthentication.LabelClaim)?.Value ?? "unknown";
        var batchId = request.Headers["X-Batch-Id"].ToString().Trim();
        if (batchId.Length > 0 && !BatchId().IsMatch(batchId))
            return await RefusedAsync(audit, $"http:{label}", BadRequest("X-Batch-Id must be 1-64 letters, digits, '.', '_', ':' or '-'."), "bad X-Batch-Id", ct);
        var source = $"http:{label}" + (batchId.Length > 0 ? ":" + batchId : "");
        var max = configuration.GetValue<long?>(MaxBytesSetting) ?? DefaultMaxBytes;
        if (request.ContentLength > max) return await RefusedAsync(audit, source, TooLarge(max), $"too large ({request.ContentLength} bytes)", ct);
        if (request.ContentType is { } type && (type.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) || type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)))
            return await RefusedAsync(audit, source, Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the CSV itself",
                detail: "The body must be access_events.csv (Content-Type text/csv), optionally gzip-compressed, not a form."), "a form, not CSV", ct);
        var encoding = request.Headers.ContentEncoding.ToString().Trim();
        var declaredGzip = encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase) || encoding.Equals("x-gzip", StringComparison.OrdinalIgnoreCase);
        if (encoding.Length > 0 && !declaredGzip && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
            return await RefusedAsync(audit, source, Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported Content-Encoding",
                detail: $"Only gzip is accepted, not '{encoding}'."), $"Content-Encoding {encoding}", ct);

        // The server's own limit (30 MB by default) would cut a legitimate batch short; this endpoint counts for itself.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = max + 1;
        await using var body = new IngestBody(request.Body, max);
        IngestResult result;
        try
        {
            var magic = await body.PeekAsync(2, ct);
            if (magic.Length == 0) return await RefusedAsync(audit, source, BadRequest("The body is empty: send access_events.csv with its header row."), "empty body", ct);
            // The content decides, not the header alone: a gzip body sent without Content-Encoding is still gzip.
            var gzip = magic.Length == 2 && magic.Span[0] == 0x1F && magic.Span[1] == 0x8B;
            if (declaredGzip && !gzip)
                return await RefusedAsync(audit, source, BadRequest("Content-Encoding says gzip, but the body does not start with the gzip magic bytes (1F 8B)."), "not gzip", ct);
            result = await store.IngestBatchAsync(source, body, gzip, ct);
        }
        catch (IngestBody.TooLargeException)
        {
            return await RefusedAsync(audit, source, TooLarge(max), "too large", ct);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return await RefusedAsync(audit, source, TooLarge(max), "too large", ct);
        }
        catch (IngestRefusedException ex)
        {
            return await RefusedAsync(audit, source, ex.Kind == IngestLimitKind.TooLarge
                ? Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The batch is too large", detail: ex.Message,
                    extensions: Limit(ex))
                : Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Too many lines cannot be stored", detail: ex.Message,
                    extensions: Limit(ex)), $"{ex.Setting} {ex.Limit} passed", ct);
        }
        catch (InvalidDataException ex)
        {
            // A missing or duplicated header column, an empty file, a broken gzip stream: said in the words of the file.
            return await RefusedAsync(audit, source, BadRequest(ex.Message), ex.Message, ct);
        }
        await audit.RecordAsync("import", "access_events",
            $"batch {source}: segment {result.SegmentId}, events={result.Events} quarantined={result.Quarantined} duplicate={result.Duplicate}", ct);
        return Results.Ok(new Answer(result.SegmentId, result.Duplicate ? 0 : result.Events, result.Duplicate ? 0 : result.Quarantined, result.Duplicate, result.Warnings));
    }

    private static async Task<IResult> RefusedAsync(Audit audit, string source, IResult answer, string why, CancellationToken ct)
    {
        await audit.RecordAsync("import", "access_events", $"batch {source} refused: {why}", ct);
        return answer;
    }

    private static IResult BadRequest(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The batch could not be read", detail: detail);

    private static IResult TooLarge(long max) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The batch is too large",
            detail: $"Send at most {max:N0} bytes per request ({MaxBytesSetting}); split larger logs into several batches.",
            extensions: new Dictionary<string, object?> { ["setting"] = MaxBytesSetting, ["limit"] = max });

    /// <summary>The limit passed, for a system to act on without parsing the sentence.</summary>
    private static Dictionary<string, object?> Limit(IngestRefusedException ex) => new() { ["setting"] = ex.Setting, ["limit"] = ex.Limit };

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex BatchId();
}
