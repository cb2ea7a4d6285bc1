using Probity.Identity.Contracts;
using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Probity.Database;

namespace Probity.Identity;

/// <summary>probity users add | reset-two-factor.</summary>
internal static class IdentityCli
{
    public static Command Build(string[] args, Func<string[], Func<IServiceProvider, Task<int>>, Task<int>> withServices)
    {
        var userName = new Argument<string>("user-name");
        var userRole = new Option<string>("--role") { Description = string.Join(" | ", Roles.All), Required = true };
        var userDisplay = new Option<string?>("--name") { Description = "Display name" };
        var userTeam = new Option<string?>("--team") { Description = "Team, for need-to-know grants" };
        var addUser = new Command("add", "Add a local account; the password is read from PROBITY_PASSWORD or standard input") { userName, userRole, userDisplay, userTeam };
        addUser.SetAction((p, ct) => withServices(args, async sp =>
        {
            var password = Environment.GetEnvironmentVariable("PROBITY_PASSWORD") ?? await Console.In.ReadLineAsync(ct) ?? "";
            var name = p.GetValue(userName)!;
            await sp.GetRequiredService<DemoAccounts>().CreateAsync(name, p.GetValue(userDisplay) ?? name, p.GetValue(userRole)!, p.GetValue(userTeam), password);
            Console.WriteLine($"Added {name} as {Roles.Describe(p.GetValue(userRole)!)}.");
            return 0;
        }));
        var resetName = new Argument<string>("user-name");
        var resetTwoFactor = new Command("reset-two-factor", "The account sets up its authenticator again at its next sign-in (lost phone, last administrator, lost key folder)") { resetName };
        resetTwoFactor.SetAction((p, ct) => withServices(args, async sp =>
        {
            var name = p.GetValue(resetName)!;
            var manager = sp.GetRequiredService<UserManager<ProbityUser>>();
            var user = await manager.FindByNameAsync(name);
            if (user is null)
            {
                await Console.Error.WriteLineAsync($"No account is called '{name}'.");
                return 1;
            }
            await TwoFactor.TwoFactorReset.ApplyAsync(manager, sp.GetRequiredService<ProbityDb>(), user, ct);
            await sp.GetRequiredService<AuditTrail.Contracts.Audit>().RecordAsync("user_two_factor_reset", "user:" + user.UserName, "from the command line; enrols again at next sign-in", ct);
            Console.WriteLine($"{name} sets up an authenticator again at the next sign-in.");
            return 0;
        }));
        var users = new Command("users", "Manage local accounts") { addUser, resetTwoFactor };
        return users;
    }
}
