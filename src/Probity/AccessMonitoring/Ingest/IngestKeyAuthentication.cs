using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Probity.AccessMonitoring.Ingest;

/// <summary>
/// Authenticates a system streaming audit logs by its ingest key (header <see cref="Header"/>). A scheme of its
/// own, named only by the ingest policy: the endpoint never looks at the browser's cookie, so a signed-in person
/// cannot be made to post to it from another site, and it needs no antiforgery token.
/// </summary>
internal sealed class IngestKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IngestKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ProbityIngestKey";
    public const string Header = "X-Probity-Ingest-Key";
    public const string LabelClaim = "probity:ingest_key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[Header];
        if (presented.Count == 0 || string.IsNullOrEmpty(presented[0])) return Task.FromResult(AuthenticateResult.NoResult());
        var label = presented.Count == 1 ? keys.Match(presented[0]!) : null;
        if (label is null)
        {
            Logger.LogWarning("Refused an access-event batch from {Client}: the ingest key is not one configured", Context.Connection.RemoteIpAddress);
            return Task.FromResult(AuthenticateResult.Fail("The ingest key is not valid."));
        }
        // The feed is the actor: the audit trail records "ingest:<label>" against every batch.
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "ingest:" + label), new Claim(LabelClaim, label)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = SchemeName;
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "An ingest key is required",
            detail: $"Send a valid ingest key in the {Header} header.").ExecuteAsync(Context);
    }
}
