using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Probity.IntegrationTests;

/// <summary>
/// A mail relay for tests: a minimal SMTP server (RFC 5321: EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT; no TLS, no
/// extensions) on 127.0.0.1 and a free port, keeping each message it accepts as the relay would pass it on, and refusing
/// the mailboxes it is told are gone.
/// </summary>
public sealed class SmtpListener : IAsyncDisposable
{
    public sealed record Received(string From, IReadOnlyList<string> To, string Data)
    {
        /// <summary>The message as a mail program shows it (headers decoded, body decoded from its transfer encoding).</summary>
        public MimeKit.MimeMessage Message => MimeKit.MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(Data)));
    }

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<Received> _messages = Channel.CreateUnbounded<Received>();
    private readonly Task _accepting;
    private readonly HashSet<string> _refused;

    /// <param name="refuse">Mailboxes the relay answers 550 to at RCPT, as a relay does for a mailbox that is gone.</param>
    public SmtpListener(IEnumerable<string>? refuse = null)
    {
        _refused = new HashSet<string>(refuse ?? [], StringComparer.OrdinalIgnoreCase);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The settings that send Probity's mail here.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Probity:Mail:Host"] = "127.0.0.1", ["Probity:Mail:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Probity:Mail:Security"] = "none", ["Probity:Mail:From"] = "probity@dps.example",
    };

    /// <summary>Every message accepted so far, without waiting.</summary>
    public List<Received> Drain()
    {
        var all = new List<Received>();
        while (_messages.Reader.TryRead(out var m)) all.Add(m);
        return all;
    }

    /// <summary>The next message accepted (waits for it; the test's own timeout bounds the wait).</summary>
    public async Task<Received> NextAsync(CancellationToken ct) => await _messages.Reader.ReadAsync(ct);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 127.0.0.1 test relay ready");
        string from = "";
        var to = new List<string>();
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-127.0.0.1 hello");
                    await writer.WriteLineAsync("250 8BITMIME");
                    break;
                case "HELO": await writer.WriteLineAsync("250 127.0.0.1"); break;
                case "MAIL":
                    from = Address(line);
                    to.Clear();
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "RCPT":
                    var recipient = Address(line);
                    if (_refused.Contains(recipient))
                    {
                        await writer.WriteLineAsync("550 5.1.1 Mailbox unavailable");
                        break;
                    }
                    to.Add(recipient);
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                        data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                    _messages.Writer.TryWrite(new Received(from, [.. to], data.ToString()));
                    await writer.WriteLineAsync("250 OK queued");
                    break;
                case "RSET" or "NOOP": await writer.WriteLineAsync("250 OK"); break;
                case "QUIT":
                    await writer.WriteLineAsync("221 Bye");
                    return;
                default: await writer.WriteLineAsync("502 Command not implemented"); break;
            }
        }
    }

    private static string Address(string line)
    {
        var start = line.IndexOf('<', StringComparison.Ordinal);
        var end = line.IndexOf('>', StringComparison.Ordinal);
        return start >= 0 && end > start ? line[(start + 1)..end] : line;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _accepting; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
