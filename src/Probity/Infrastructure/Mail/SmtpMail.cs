using System.Globalization;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Probity.Infrastructure.Mail;

/// <summary>
/// Where Probity sends email (Probity:Mail): an SMTP relay inside the force's network. Without a host nothing is sent
/// and nothing that sends mail runs. The password is read from configuration (an environment variable in production)
/// and never logged.
/// </summary>
internal sealed record MailSettings(string? Host, int Port, string From, string? UserName, string? Password, SecureSocketOptions Security)
{
    public const string Section = "Probity:Mail";

    public bool Configured => !string.IsNullOrWhiteSpace(Host);

    public static MailSettings Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var s = configuration.GetSection(Section);
        var portText = s["Port"];
        var port = 25;
        if (!string.IsNullOrWhiteSpace(portText) && (!int.TryParse(portText, NumberStyles.Integer, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
            throw new InvalidDataException($"{Section}:Port must be a port number from 1 to 65535 (it is '{portText}').");
        var from = string.IsNullOrWhiteSpace(s["From"]) ? "probity@localhost" : s["From"]!.Trim();
        if (!MailboxAddress.TryParse(from, out _)) throw new InvalidDataException($"{Section}:From is not an email address (it is '{from}').");
        // Auto: TLS on 465, STARTTLS wherever the relay offers it; "none" only for a relay on the same host.
        var security = s["Security"]?.Trim().ToLowerInvariant() switch
        {
            null or "" or "auto" => SecureSocketOptions.Auto,
            "none" => SecureSocketOptions.None,
            "starttls" => SecureSocketOptions.StartTls,
            "tls" => SecureSocketOptions.SslOnConnect,
            var other => throw new InvalidDataException($"{Section}:Security must be auto, starttls, tls or none (it is '{other}')."),
        };
        return new MailSettings(s["Host"]?.Trim(), port, from, s["UserName"], s["Password"], security);
    }
}

/// <summary>Sends plain-text email through the configured relay, one connection per batch.</summary>
internal sealed class SmtpMail(MailSettings settings)
{
    internal sealed record Message(string To, string ToName, string Subject, string Text);

    public async Task SendAsync(IReadOnlyList<Message> messages, CancellationToken ct)
    {
        if (!settings.Configured) throw new InvalidOperationException($"No mail relay is configured ({MailSettings.Section}:Host).");
        if (messages.Count == 0) return;
        using var client = new SmtpClient();
        await client.ConnectAsync(settings.Host!, settings.Port, settings.Security, ct);
        if (!string.IsNullOrEmpty(settings.UserName)) await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct);
        // One recipient the relay refuses (a mailbox gone, a bad address) does not stop everyone after them.
        var refused = new List<string>();
        foreach (var m in messages)
        {
            using var mime = new MimeMessage();
            mime.From.Add(MailboxAddress.Parse(settings.From));
            mime.To.Add(new MailboxAddress(m.ToName, m.To));
            mime.Subject = m.Subject;
            mime.Body = new TextPart("plain") { Text = m.Text };
            try
            {
                await client.SendAsync(mime, ct);
            }
            catch (SmtpCommandException e) when (e.ErrorCode is SmtpErrorCode.RecipientNotAccepted)
            {
                refused.Add(m.To);
            }
        }
        await client.DisconnectAsync(true, ct);
        if (refused.Count > 0) throw new SmtpRecipientsRefusedException(refused);
    }
}

/// <summary>The relay refused some recipients; everyone else's message was sent.</summary>
internal sealed class SmtpRecipientsRefusedException(IReadOnlyList<string> recipients)
    : Exception($"The mail relay refused {recipients.Count} recipient(s): {string.Join(", ", recipients)}. Everyone else's message was sent.")
{
    public IReadOnlyList<string> Recipients { get; } = recipients;
}
