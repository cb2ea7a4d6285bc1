using System.CommandLine;
using Probity.Cases.Contracts;
using Probity.Cases.MyCases;
using Probity.Infrastructure.Mail;
using Probity.Infrastructure.Time;

namespace Probity.Cases;

/// <summary>probity digest: "my cases" reminders as the daily email has them, for one person (--as) or sent to everyone.</summary>
internal static class CasesCli
{
    public static Command BuildDigest(string[] args, Func<string[], Func<IServiceProvider, Task<int>>, Task<int>> withServices)
    {
        var send = new Option<bool>("--send") { Description = "Email it to the account's own address instead of printing it (needs Probity:Mail:Host)" };
        var digest = new Command("digest", "Your caseload reminders (overdue, due soon, awaiting your decision or sign-off), as the daily email has them") { send };
        digest.SetAction((p, ct) => withServices(args, async sp =>
        {
            var load = await sp.GetRequiredService<ICaseloads>().ForReaderAsync("digest", ct);
            var (subject, text) = CaseloadDigest.Compose(load, sp.GetRequiredService<TimeProvider>().Today());
            if (!p.GetValue(send))
            {
                Console.WriteLine(subject);
                Console.WriteLine();
                Console.Write(text);
                return 0;
            }
            if (!sp.GetRequiredService<MailSettings>().Configured) throw new Kernel.ActionRefusedException($"No mail relay is configured ({MailSettings.Section}:Host): nothing was sent.");
            var me = sp.GetRequiredService<Database.ProbityDb>().Scope.Actor;
            var message = await sp.GetRequiredService<CaseloadDigest>().ForPersonAsync(sp, me, ct);
            if (message is null)
            {
                Console.WriteLine("Nothing sent: no email address on the account, or nothing to remind you of.");
                return 0;
            }
            await sp.GetRequiredService<SmtpMail>().SendAsync([message], ct);
            Console.WriteLine($"Sent to {message.To}.");
            return 0;
        }));
        var all = new Command("send-all", "Email everyone named on a live case their digest now (what the web host does daily)");
        all.SetAction((_, ct) => withServices(args, async sp =>
        {
            if (!sp.GetRequiredService<MailSettings>().Configured) throw new Kernel.ActionRefusedException($"No mail relay is configured ({MailSettings.Section}:Host): nothing was sent.");
            var sent = await sp.GetRequiredService<CaseloadDigest>().SendAllAsync(ct);
            Console.WriteLine($"Sent {sent:N0} digest(s).");
            return 0;
        }));
        digest.Subcommands.Add(all);
        return digest;
    }
}
