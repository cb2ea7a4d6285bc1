using Probity.Identity.Contracts;
using Probity.AuditTrail.Contracts;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Probity.Identity.SignIn;
using Probity.Identity.TwoFactor;
using Probity.Database;
using Probity.Kernel;

namespace Probity.Identity.Administration;

/// <summary>
/// What an administrator may do to accounts: create, change name, team and roles, disable and enable, unlock (clear
/// the sign-in delays), issue a one-time password, reset two-factor sign-in. Each is on the audit trail; each that
/// changes what someone may see or whether they may sign in ends their sessions (new security stamp). Edits carry the
/// account's ConcurrencyStamp, so two administrators never silently overwrite each other. Administrators see accounts
/// only: nothing here reads a case. An administrator cannot change their own roles, disable or reset themselves.
/// </summary>
internal sealed class AdministerUsers(UserManager<ProbityUser> users, ProbityDb db, Audit audit, SignInThrottle throttle, TimeProvider time, IHttpContextAccessor http,
    Workforce.Contracts.UnitDirectory units)
{
    public static readonly TimeSpan OneTimePasswordLife = TimeSpan.FromDays(3);

    internal sealed record UserAccount(
        string Id, string UserName, string DisplayName, string? Team, IReadOnlyList<string> Roles, bool TwoFactor, bool Disabled,
        bool OneTimePasswordPending, string ConcurrencyStamp, string? BoroughUnitId = null);

    public async Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken ct)
    {
        var rows = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name }).ToListAsync(ct);
        var pending = await db.UserTokens.Where(t => t.LoginProvider == SignInFlow.OneTimePasswordProvider && t.Name == SignInFlow.OneTimePasswordExpires)
            .Select(t => t.UserId).ToListAsync(ct);
        await audit.RecordAsync("view", "users", $"{rows.Count} accounts", ct);
        var now = time.GetUtcNow();
        return rows.Select(u => new UserAccount(u.Id, u.UserName ?? "", u.DisplayName, u.Team,
            roles.Where(r => r.UserId == u.Id).Select(r => r.Name ?? "").Order(StringComparer.Ordinal).ToList(),
            u.TwoFactorEnabled, u.LockoutEnd > now, pending.Contains(u.Id), u.ConcurrencyStamp ?? "", u.BoroughUnitId)).ToList();
    }

    public async Task<UserAccount> GetAsync(string userName, CancellationToken ct)
    {
        var user = await FindAsync(userName);
        await audit.RecordAsync("view", "user:" + user.UserName, null, ct);
        return await DescribeAsync(user);
    }

    /// <summary>A new account; returns its one-time password (shown once to the administrator, to hand over in person).</summary>
    public async Task<string> CreateAsync(string userName, string displayName, string? team, IReadOnlyList<string> roles, CancellationToken ct)
    {
        userName = userName.Trim();
        Validate(displayName, team, roles);
        if (roles.Count == 0) throw new ActionRefusedException("Choose at least one role.");
        if (!SignInFlow.IsPlausibleName(userName) || userName.Length > 64) throw new ActionRefusedException("A user name has 1 to 64 characters.");
        var oneTime = OneTimePassword();
        var user = new ProbityUser { UserName = userName, DisplayName = displayName.Trim(), Team = Blank(team) };
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            Check(await users.CreateAsync(user), $"Could not create '{userName}'");
            Check(await users.AddToRolesAsync(user, roles), "Could not give the roles");
            await SetOneTimePasswordAsync(user, oneTime);
            await tx.CommitAsync(ct);
        }
        await audit.RecordAsync("user_created", "user:" + user.UserName, $"roles {string.Join(",", roles)}; team {user.Team ?? "none"}; one-time password issued", ct);
        return oneTime;
    }

    /// <summary>Name, team and roles. A change of team or roles changes what the person may see: their sessions end.</summary>
    public async Task UpdateAsync(string userName, string concurrencyStamp, string displayName, string? team, IReadOnlyList<string> roles, CancellationToken ct)
    {
        Validate(displayName, team, roles);
        var user = await FindForEditAsync(userName, concurrencyStamp);
        var before = await users.GetRolesAsync(user);
        var rolesChanged = !before.Order(StringComparer.Ordinal).SequenceEqual(roles.Order(StringComparer.Ordinal));
        var teamChanged = user.Team != Blank(team);
        if (IsSelf(user) && (rolesChanged || teamChanged)) throw new ActionRefusedException("You cannot change your own roles or team: ask another administrator.");
        var detail = new List<string>();
        if (user.DisplayName != displayName.Trim()) detail.Add($"name '{user.DisplayName}' -> '{displayName.Trim()}'");
        if (teamChanged) detail.Add($"team {user.Team ?? "none"} -> {Blank(team) ?? "none"}");
        if (rolesChanged) detail.Add($"roles {string.Join(",", before.Order(StringComparer.Ordinal))} -> {string.Join(",", roles.Order(StringComparer.Ordinal))}");
        if (detail.Count == 0) return;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            user.DisplayName = displayName.Trim();
            user.Team = Blank(team);
            Check(await users.UpdateAsync(user), "Could not save");
            if (rolesChanged)
            {
                Check(await users.RemoveFromRolesAsync(user, before.Except(roles, StringComparer.Ordinal)), "Could not remove roles");
                Check(await users.AddToRolesAsync(user, roles.Except(before, StringComparer.Ordinal)), "Could not add roles");
            }
            if (rolesChanged || teamChanged) Check(await users.UpdateSecurityStampAsync(user), "Could not end the sessions");
            await tx.CommitAsync(ct);
        }
        await audit.RecordAsync("user_updated", "user:" + user.UserName, string.Join("; ", detail) + (rolesChanged || teamChanged ? "; sessions ended" : ""), ct);
    }

    /// <summary>
    /// Scopes the account to a borough (chosen by name among the units of kind borough), or clears the scope with a blank
    /// (ADR 0026). Either changes what the person may see: their sessions end. Not on one's own account.
    /// </summary>
    public async Task SetBoroughAsync(string userName, string concurrencyStamp, string? borough, CancellationToken ct)
    {
        var user = await FindForEditAsync(userName, concurrencyStamp);
        var chosen = string.IsNullOrWhiteSpace(borough) ? null : await units.ChooseBoroughAsync(borough, "Borough", ct);
        if (chosen == user.BoroughUnitId) return;
        if (IsSelf(user)) throw new ActionRefusedException("You cannot change your own borough: ask another administrator.");
        var before = user.BoroughUnitId;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            user.BoroughUnitId = chosen;
            Check(await users.UpdateAsync(user), "Could not save");
            Check(await users.UpdateSecurityStampAsync(user), "Could not end the sessions");
            await tx.CommitAsync(ct);
        }
        await audit.RecordAsync(chosen is null ? "user_borough_cleared" : "user_borough_set", "user:" + user.UserName,
            $"borough {before ?? "none"} -> {chosen ?? "none"}; sessions ended", ct);
    }

    public async Task DisableAsync(string userName, string concurrencyStamp, CancellationToken ct)
    {
        var user = await FindForEditAsync(userName, concurrencyStamp);
        if (IsSelf(user)) throw new ActionRefusedException("You cannot disable your own account: ask another administrator.");
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            Check(await users.SetLockoutEnabledAsync(user, true), "Could not disable");
            Check(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue), "Could not disable");
            Check(await users.UpdateSecurityStampAsync(user), "Could not end the sessions");
            await tx.CommitAsync(ct);
        }
        await audit.RecordAsync("user_disabled", "user:" + user.UserName, "sessions ended", ct);
    }

    public async Task EnableAsync(string userName, string concurrencyStamp, CancellationToken ct)
    {
        var user = await FindForEditAsync(userName, concurrencyStamp);
        Check(await users.SetLockoutEndDateAsync(user, null), "Could not enable");
        await audit.RecordAsync("user_enabled", "user:" + user.UserName, null, ct);
    }

    /// <summary>Clears the sign-in delays built up against the account (from every address), for a person who has waited enough.</summary>
    public async Task UnlockAsync(string userName, CancellationToken ct)
    {
        var user = await FindAsync(userName);
        throttle.ForgetName(user.UserName!);
        throttle.ForgetCodes(user.Id);
        await audit.RecordAsync("user_unlocked", "user:" + user.UserName, "sign-in delays cleared", ct);
    }

    /// <summary>A new one-time password (valid three days) replaces the password; the person chooses their own at the next sign-in.</summary>
    public async Task<string> ResetPasswordAsync(string userName, string concurrencyStamp, CancellationToken ct)
    {
        var user = await FindForEditAsync(userName, concurrencyStamp);
        if (IsSelf(user)) throw new ActionRefusedException("Change your own password on your account page, not here.");
        var oneTime = OneTimePassword();
        await SetOneTimePasswordAsync(user, oneTime);
        throttle.ForgetName(user.UserName!);
        await audit.RecordAsync("user_password_reset", "user:" + user.UserName, "one-time password issued; sessions ended", ct);
        return oneTime;
    }

    /// <summary>The person sets up an authenticator again at their next sign-in (a lost phone); their sessions end.</summary>
    public async Task ResetTwoFactorAsync(string userName, string concurrencyStamp, CancellationToken ct)
    {
        var user = await FindForEditAsync(userName, concurrencyStamp);
        if (IsSelf(user)) throw new ActionRefusedException("You cannot reset your own two-factor sign-in: ask another administrator.");
        await TwoFactorReset.ApplyAsync(users, db, user, ct);
        throttle.ForgetCodes(user.Id);
        await audit.RecordAsync("user_two_factor_reset", "user:" + user.UserName, "enrols again at next sign-in; sessions ended", ct);
    }

    private async Task SetOneTimePasswordAsync(ProbityUser user, string oneTime)
    {
        // Set directly: the generated password is stronger than the rules ask, and must not count as the person's choice.
        user.PasswordHash = users.PasswordHasher.HashPassword(user, oneTime);
        Check(await users.SetAuthenticationTokenAsync(user, SignInFlow.OneTimePasswordProvider, SignInFlow.OneTimePasswordExpires,
            time.GetUtcNow().Add(OneTimePasswordLife).ToString("O", System.Globalization.CultureInfo.InvariantCulture)), "Could not save");
        Check(await users.UpdateSecurityStampAsync(user), "Could not end the sessions");
    }

    private async Task<UserAccount> DescribeAsync(ProbityUser user)
    {
        // Whether a one-time password waits is read without decrypting the token: its presence is enough.
        var pending = await db.UserTokens.AnyAsync(t => t.UserId == user.Id && t.LoginProvider == SignInFlow.OneTimePasswordProvider && t.Name == SignInFlow.OneTimePasswordExpires);
        return new UserAccount(user.Id, user.UserName ?? "", user.DisplayName, user.Team, (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList(),
            user.TwoFactorEnabled, user.LockoutEnd > time.GetUtcNow(), pending, user.ConcurrencyStamp ?? "", user.BoroughUnitId);
    }

    private async Task<ProbityUser> FindAsync(string userName) =>
        (SignInFlow.IsPlausibleName(userName) ? await users.FindByNameAsync(userName) : null) ?? throw new RecordNotFoundException($"The account '{SignInFlow.ForTrail(userName)}'");

    /// <summary>The account as the administrator last saw it, or a conflict if someone (or the person, signing in) changed it since.</summary>
    private async Task<ProbityUser> FindForEditAsync(string userName, string concurrencyStamp)
    {
        var user = await FindAsync(userName);
        if (user.ConcurrencyStamp != concurrencyStamp)
            throw new EditConflictException($"The account '{user.UserName}' changed since you opened it (another administrator, or the person signing in). Here it is as it is now: check, then do it again.");
        return user;
    }

    private bool IsSelf(ProbityUser user) => http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier) == user.Id;

    private static void Validate(string displayName, string? team, IReadOnlyList<string> roles)
    {
        if (string.IsNullOrWhiteSpace(displayName) || displayName.Trim().Length > 200) throw new ActionRefusedException("A display name has 1 to 200 characters.");
        if (Blank(team) is { } t && (t.Length > 48 || !t.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            throw new ActionRefusedException($"'{SignInFlow.ForTrail(t)}' is not a team name: up to 48 letters, digits, '-', '_' or '.'.");
        foreach (var role in roles)
            if (!Roles.All.Contains(role)) throw new ActionRefusedException($"'{SignInFlow.ForTrail(role)}' is not a role. Roles: {string.Join(", ", Roles.All)}.");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>16 characters (80 bits) in groups of four, without look-alike characters: typed once, at the next sign-in.</summary>
    internal static string OneTimePassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        var chars = RandomNumberGenerator.GetString(alphabet, 16);
        return string.Join('-', chars.Chunk(4).Select(c => new string(c)));
    }

    private static void Check(IdentityResult result, string what)
    {
        if (result.Succeeded) return;
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
            throw new EditConflictException("The account changed while saving (another administrator, or the person signing in). Check it, then do it again.");
        throw new ActionRefusedException($"{what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }
}
