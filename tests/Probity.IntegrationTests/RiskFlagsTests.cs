using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.Infrastructure.Database;

namespace Probity.IntegrationTests;

/// <summary>The Risk Identification Unit's threshold flags through the real host, with need-to-know by role.</summary>
public sealed class RiskFlagsTests(Apps apps)
{
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task An_analyst_sees_explained_flags_and_the_view_is_audited(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var analyst = await app.SignInAsync("analyst");
        var page = await analyst.Http.GetStringAsync("/risk?asOf=2010-12-31&rule=complaints_12m", TestContext.Current.CancellationToken);
        Assert.Contains("data-testid=\"risk-flags\"", page, StringComparison.Ordinal);
        // The demo force's high-attractor officers must trip the complaints trigger, with the cases named.
        Assert.Contains("complaint or conduct allegations in the 12 months to 31 Dec 2010", page, StringComparison.Ordinal);
        Assert.Matches("href=\"/officers/s\\d+\"", page);
        Assert.Matches("href=\"/cases/C\\d{4}-\\d+\"", page);

        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Actor == "analyst" && e.Action == "view" && e.Target == "risk_flags", TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("handler")]
    [InlineData("oversight")]
    [InlineData("admin")]
    public async Task Roles_outside_the_unit_cannot_see_risk_flags(string user)
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        var client = await app.SignInAsync(user);
        var response = await client.Http.GetAsync("/risk", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
