namespace Probity.Infrastructure.Web;

/// <summary>
/// Where uploaded files wait for the background job that reads them: a folder Probity owns (<see cref="FolderSetting"/>,
/// by default <c>data/uploads</c>), one sub-folder per upload, removed when its job ends however it ends. Each upload
/// holds a lock file while it is in use, so the start-up sweep removes exactly what a killed process left behind.
/// </summary>
internal sealed class Uploads
{
    public const string FolderSetting = "Probity:Uploads:Folder";
    public const string MaxBytesSetting = "Probity:Uploads:MaxBytes";
    public const string MaxFilesSetting = "Probity:Uploads:MaxFiles";
    public const string DefaultFolder = "data/uploads";
    public const long DefaultMaxBytes = 1L << 30;
    public const int DefaultMaxFiles = 32;

    private readonly ILogger<Uploads> _log;

    public Uploads(IConfiguration configuration, ILogger<Uploads> log)
    {
        _log = log;
        Root = Path.GetFullPath(configuration[FolderSetting] ?? DefaultFolder);
        MaxBytes = configuration.GetValue<long?>(MaxBytesSetting) ?? DefaultMaxBytes;
        MaxFiles = configuration.GetValue<int?>(MaxFilesSetting) ?? DefaultMaxFiles;
        if (MaxBytes <= 0) throw new InvalidOperationException($"{MaxBytesSetting} must be more than zero (it is {MaxBytes}).");
        if (MaxFiles <= 0) throw new InvalidOperationException($"{MaxFilesSetting} must be more than zero (it is {MaxFiles}).");
    }

    public string Root { get; }
    public long MaxBytes { get; }
    public int MaxFiles { get; }

    /// <summary>A new, empty upload folder, locked as in use until the upload is disposed.</summary>
    public Upload Begin()
    {
        Directory.CreateDirectory(Root);
        var name = Guid.NewGuid().ToString("n");
        var held = new FileStream(Path.Combine(Root, name + ".lock"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        return new Upload(Directory.CreateDirectory(Path.Combine(Root, name)).FullName, held);
    }

    /// <summary>Removes the uploads no live process holds (left by a process that was killed); returns how many.</summary>
    public int SweepLeftovers()
    {
        if (!Directory.Exists(Root)) return 0;
        var swept = 0;
        foreach (var folder in Directory.EnumerateDirectories(Root))
        {
            var lockFile = folder + ".lock";
            try
            {
                // Opening the lock exclusively succeeds only when no process holds it any more.
                using (new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None)) Directory.Delete(folder, recursive: true);
                File.Delete(lockFile);
                swept++;
            }
            catch (IOException)
            {
                // in use by a running job (this process or another)
            }
        }
        // Lock files whose folder is gone (a crash between the two deletes).
        foreach (var lockFile in Directory.EnumerateFiles(Root, "*.lock"))
            if (!Directory.Exists(lockFile[..^".lock".Length]))
                try
                {
                    using (new FileStream(lockFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { }
                    File.Delete(lockFile);
                }
                catch (IOException) { /* in use */ }
        if (swept > 0) _log.LogInformation("Removed {Count} upload(s) left in {Folder} by a process that stopped before its job ended", swept, Root);
        return swept;
    }

    /// <summary>
    /// The name an uploaded file is kept under: its last path segment, as browsers are meant to send it. A name that is
    /// no file name at all ("", ".", "..", control characters) is refused with a message, never turned into a path.
    /// </summary>
    public static string LeafName(string given)
    {
        var leaf = given.Replace('\\', '/');
        leaf = leaf[(leaf.LastIndexOf('/') + 1)..].Trim();
        if (leaf is "" or "." or ".." || leaf.Length > 255 || leaf.Any(c => char.IsControl(c) || c == ':' || c == '\0'))
            throw new UploadRefusedException($"'{Printable(given)}' is not a file name: choose the bundle's files themselves (units.csv, staff.csv ...).");
        return leaf;
    }

    private static string Printable(string name) =>
        new([.. name.Take(80).Select(c => char.IsControl(c) ? '?' : c)]);
}

/// <summary>An upload in its folder; disposing it releases the lock and removes the folder.</summary>
internal sealed class Upload(string folder, FileStream held) : IDisposable
{
    private int _disposed;

    public string Folder { get; } = folder;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // swept at the next start
        }
        catch (UnauthorizedAccessException)
        {
            // swept at the next start
        }
        var lockFile = held.Name;
        held.Dispose();
        if (!Directory.Exists(Folder)) File.Delete(lockFile);
    }
}

/// <summary>An upload refused before anything was queued (too large, too many files, a name that is no file name); the message is for the person uploading.</summary>
internal sealed class UploadRefusedException(string message) : Exception(message);
