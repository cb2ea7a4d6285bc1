using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Probity.Cases.Contracts;
using Probity.Database;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Mail;
using Probity.Infrastructure.Time;
using Probity.Kernel;

namespace Probity.Cases.MyCases;

/// <summary>
/// The daily email of "my cases" reminders. Each person's digest is read as that person (their role and need-to-know,
/// exactly as at sign-in, recorded on the trail as their "digest" read), so a case restricted away from them or about
/// them never appears. Email leaves the force's systems' protection, so a digest says only each case's reference, due
/// date and state: no summary, no names of complainants or officers, no allegation.
/// </summary>
internal sealed class CaseloadDigest(IServiceScopeFactory scopes, SmtpMail mail, TimeProvider time, ILogger<CaseloadDigest> log)
{
    /// <summary>How many cases of each list an email names; the rest are counted.</summary>
    public const int Listed = 50;

    /// <summary>Sends their digest to everyone named on a live case who has an email address and something to be reminded of.</summary>
    /// <returns>How many were sent.</returns>
    public async Task<int> SendAllAsync(CancellationToken ct)
    {
        List<string> named;
        await using (var scope = scopes.CreateAsyncScope())
        {
            // Who is named on live cases, read as the platform (a fresh scope outside a request): only the names leave
            // this query; each person's cases are then read as that person.
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            named = await db.Cases.Where(c => c.FinalisedOn == null && c.InvestigatingOfficer != null).Select(c => c.InvestigatingOfficer!)
                .Union(db.Cases.Where(c => c.FinalisedOn == null && c.Supervisor != null).Select(c => c.Supervisor!))
                .ToListAsync(ct);
        }
        var messages = new List<SmtpMail.Message>();
        foreach (var userName in named.Order(StringComparer.Ordinal))
        {
            await using var scope = scopes.CreateAsyncScope();
            if (await ForPersonAsync(scope.ServiceProvider, userName, ct) is { } message) messages.Add(message);
        }
        await mail.SendAsync(messages, ct);
        log.LogInformation("Caseload digest sent to {Count} of {Named} people named on live cases", messages.Count, named.Count);
        return messages.Count;
    }

    /// <summary>
    /// The digest for <paramref name="userName"/>, read as them; null when they have no email address, are locked out,
    /// no longer read cases, or have nothing to be reminded of.
    /// </summary>
    public async Task<SmtpMail.Message?> ForPersonAsync(IServiceProvider services, string userName, CancellationToken ct)
    {
        var users = services.GetRequiredService<UserManager<ProbityUser>>();
        var user = await users.FindByNameAsync(userName);
        if (user is null || string.IsNullOrWhiteSpace(user.Email) || await users.IsLockedOutAsync(user)) return null;
        var principal = await services.GetRequiredService<IUserClaimsPrincipalFactory<ProbityUser>>().CreateAsync(user);
        if (!(await services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(principal, Policies.ReadCases)).Succeeded) return null;
        Caseload load;
        using (services.GetRequiredService<CaseAccessScopeSource>().Use(ReaderScope.For(principal)))
            load = await services.GetRequiredService<ICaseloads>().ForReaderAsync("digest", ct);
        if (load.Quiet) return null;
        var (subject, text) = Compose(load, time.Today());
        return new SmtpMail.Message(user.Email, string.IsNullOrWhiteSpace(user.DisplayName) ? userName : user.DisplayName, subject, text);
    }

    /// <summary>The digest's subject and text: for each list, each case's reference, due date and state.</summary>
    public static (string Subject, string Text) Compose(Caseload load, DateOnly today)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Your cases in Probity on {today:d MMMM yyyy}, as you may see them now.\n");
        void List(string heading, IReadOnlyList<CaseloadEntry> entries)
        {
            if (entries.Count == 0) return;
            text.Append(CultureInfo.InvariantCulture, $"\n{heading} ({entries.Count:N0}):\n");
            foreach (var e in entries.Take(Listed))
                text.Append(CultureInfo.InvariantCulture, $"  {e.CaseId}  due {(e.DueOn is { } due ? due.ToString("d MMM yyyy", CultureInfo.InvariantCulture) : "unknown")}  {CaseStatus.Describe(e.Status)}\n");
            if (entries.Count > Listed) text.Append(CultureInfo.InvariantCulture, $"  and {entries.Count - Listed:N0} more\n");
        }
        List("Overdue, most overdue first", load.Overdue);
        List($"Due within {load.DueSoonWorkingDays} working days", load.DueSoon);
        List("Awaiting your decision", load.AwaitingDecision);
        List("Complainants due an update (every 28 days), soonest first", load.UpdatesDue);
        if (load.UpdatesLongOverdue.Count > 0)
            text.Append(CultureInfo.InvariantCulture, $"\nAnd {load.UpdatesLongOverdue.Count:N0} complainant{(load.UpdatesLongOverdue.Count == 1 ? "" : "s")} whose update has been overdue for more than {CaseloadSettings.UpdateOverdueWindowDays} days: listed under My cases.\n");
        if (load.Hearings.Count > 0)
        {
            // By reference, kind and date only: the officer heard is not named outside Probity.
            text.Append(CultureInfo.InvariantCulture, $"\nMeetings and hearings in the next {Caseload.HearingWindowDays} days or awaiting their outcome ({load.Hearings.Count:N0}):\n");
            foreach (var h in load.Hearings.Take(Listed))
                text.Append(CultureInfo.InvariantCulture, $"  {h.CaseId}  {h.HeldOn.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}  {Vocabulary.Describe(h.Kind)}{(h.OutcomeAwaited ? ": held, outcome to record" : "")}\n");
            if (load.Hearings.Count > Listed) text.Append(CultureInfo.InvariantCulture, $"  and {load.Hearings.Count - Listed:N0} more\n");
        }
        List("Awaiting your sign-off as supervisor", load.AwaitingSignOff);
        var teamOverdue = load.TeamOverdue;
        List("Overdue in the caseload you supervise", teamOverdue);
        text.Append("\nSign in to Probity to work on them. This email names cases by reference only; their details stay in Probity.\n");
        var parts = new[] { (load.Overdue.Count, "overdue"), (load.DueSoon.Count, "due soon"), (load.AwaitingDecision.Count, "awaiting your decision"), (load.UpdatesDue.Count, "complainant updates due"), (load.Hearings.Count, "meetings and hearings"), (load.AwaitingSignOff.Count, "awaiting your sign-off"), (teamOverdue.Count, "overdue in your team") }
            .Where(p => p.Item1 > 0).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Item1:N0} {p.Item2}"));
        return ($"Probity: your cases on {today.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}: {string.Join(", ", parts)}", text.ToString());
    }
}

/// <summary>
/// Sends the digest once a day, in the hour starting at Probity:Caseloads:DigestHour (local time), where mail is
/// configured (Probity:Mail:Host). A restart within that hour can send a second one; a relay that is down when it is
/// sent means no digest that day (the next day's says the same and more).
/// </summary>
internal sealed class DailyDigest(CaseloadDigest digest, MailSettings mail, CaseloadSettings settings, TimeProvider time, ILogger<DailyDigest> log) : BackgroundService
{
    private long _sentOnDay = -1;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!mail.Configured) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(10), time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is IOException or MailKit.ProtocolException or MailKit.Net.Smtp.SmtpCommandException or MailKit.Security.AuthenticationException
                or System.Net.Sockets.SocketException or Kernel.StoreBusyException or SmtpRecipientsRefusedException)
            {
                log.LogWarning(ex, "The caseload digest could not be sent this time");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Anything else (a TLS failure, a malformed stored address, the database) is logged, never allowed out:
                // an exception leaving a hosted service stops the whole web host.
                log.LogError(ex, "The caseload digest failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Sends today's digest if it is the hour for it and it has not gone yet; true when it was sent.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken ct)
    {
        var now = time.GetLocalNow();
        var today = time.Today();
        if (now.Hour != settings.DigestHour) return false;
        // The day is claimed before sending, so a tick and a caller at once cannot both send it.
        if (Interlocked.Exchange(ref _sentOnDay, today.DayNumber) == today.DayNumber) return false;
        await digest.SendAllAsync(ct);
        return true;
    }
}
