namespace Probity.Cases.Documents;

/// <summary>
/// The content store: each distinct content once, keyed by its SHA-256 (lower-case hex). A row is never changed by
/// Probity, so a key whose bytes no longer hash to it has been altered outside the platform (see <see cref="CaseDocumentStore"/>).
/// </summary>
internal sealed class DocumentContent
{
    public required string Sha256 { get; set; }
    public long Length { get; set; }
    public required byte[] Content { get; set; }
}
