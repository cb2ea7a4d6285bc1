using System.Security.Cryptography;

namespace Probity.Infrastructure.Security;

/// <summary>
/// Key material Probity keeps outside its database, so that whoever administers the database cannot use it: the audit
/// trail's MAC key, the key that signs its checkpoints, the master key that encrypts the data-protection key ring.
/// One folder (<c>Probity:Keys:Folder</c>, default <c>data/keys</c>), readable only by the service account; in
/// production it is a mounted secret the database administrators cannot read. Keys are created on first use.
/// </summary>
internal sealed class KeyFolder
{
    public const string Setting = "Probity:Keys:Folder";
    public const string Default = "data/keys";

    private readonly Lock _lock = new();

    public KeyFolder(string path) => Path = System.IO.Path.GetFullPath(path);

    public string Path { get; }

    public static KeyFolder From(IConfiguration configuration) => new(configuration[Setting] is { Length: > 0 } p ? p : Default);

    /// <summary>A random secret of <paramref name="bytes"/> bytes, kept as base64 in <c>name.key</c>; created if absent.</summary>
    public byte[] Secret(string name, int bytes = 32)
    {
        var file = FileFor(name, ".key");
        lock (_lock)
        {
            if (File.Exists(file)) return Read(file, name);
            var secret = RandomNumberGenerator.GetBytes(bytes);
            WritePrivate(file, Convert.ToBase64String(secret));
            return secret;
        }
    }

    /// <summary>Whether a secret exists yet (verification must not create the key it verifies against).</summary>
    public bool Has(string name, string extension = ".key") => File.Exists(FileFor(name, extension));

    /// <summary>An ECDSA P-256 signing key kept as PKCS#8 PEM in <c>name.pem</c>; created if absent.</summary>
    public ECDsa SigningKey(string name)
    {
        var file = FileFor(name, ".pem");
        lock (_lock)
        {
            var key = ECDsa.Create();
            if (File.Exists(file))
            {
                key.ImportFromPem(File.ReadAllText(file));
                return key;
            }
            key.GenerateKey(ECCurve.NamedCurves.nistP256);
            WritePrivate(file, key.ExportPkcs8PrivateKeyPem());
            return key;
        }
    }

    private string FileFor(string name, string extension)
    {
        if (name.Length == 0 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            throw new ArgumentException($"'{name}' is not a key name (letters, digits, '-' and '_').", nameof(name));
        return System.IO.Path.Combine(Path, name + extension);
    }

    private static byte[] Read(string file, string name)
    {
        try
        {
            return Convert.FromBase64String(File.ReadAllText(file).Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"The key file {file} ({name}) is not base64: restore it from the key backup.");
        }
    }

    private void WritePrivate(string file, string content)
    {
        if (!Directory.Exists(Path))
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(Path);
            else Directory.CreateDirectory(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        // Written aside and moved, so a crash never leaves half a key; created owner-only from the start.
        var temporary = file + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(content);
        }
        File.Move(temporary, file, overwrite: false);
    }
}
