using Probity.Infrastructure.Security;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;
using Probity.Database;

namespace Probity.Identity;

/// <summary>
/// The data-protection key ring (the keys that seal sign-in cookies, antiforgery tokens and two-factor secrets) lives
/// in the database, so every instance on that database shares it, and each key is encrypted there with AES-256-GCM
/// under a master key kept outside the database (<see cref="KeyFolder"/>, <c>data-protection.key</c>). Whoever can
/// read the database alone cannot forge a cookie or read a two-factor secret.
/// </summary>
internal static class KeyRingEncryption
{
    public const string MasterKeyName = "data-protection";
    public const string ApplicationNameSetting = "Probity:DataProtection:ApplicationName";

    public static IServiceCollection AddProbityDataProtection(this IServiceCollection services, IConfiguration configuration, DatabaseSettings database)
    {
        services.AddDataProtection()
            .SetApplicationName(ApplicationName(configuration, database))
            .PersistKeysToDbContext<ProbityDb>();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlEncryptor = new MasterKeyXmlEncryptor(sp.GetRequiredService<KeyFolder>())));
        return services;
    }

    /// <summary>
    /// Keys are isolated per application name as well as per key ring: instances on different databases never accept
    /// each other's cookies, even if someone copies a key ring (and its master key) from one store to another.
    /// </summary>
    internal static string ApplicationName(IConfiguration configuration, DatabaseSettings database)
    {
        if (configuration[ApplicationNameSetting] is { Length: > 0 } configured) return configured;
        string identity;
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            identity = Path.GetFullPath(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource);
        }
        else
        {
            var b = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString);
            identity = $"{b.Host}:{b.Port}/{b.Database}";
        }
        return "probity-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{database.Provider}|{identity}")))[..16];
    }

    /// <summary>Which master key sealed an element: the first bytes of its SHA-256, so a wrong key folder is named, not guessed.</summary>
    internal static string Fingerprint(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key))[..16];

    internal static readonly byte[] Context = "probity/data-protection-key/v1"u8.ToArray();
}

/// <summary>Seals each new data-protection key with the master key before it is written to the database.</summary>
internal sealed class MasterKeyXmlEncryptor(KeyFolder keys) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var key = keys.Secret(KeyRingEncryption.MasterKeyName);
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        var ciphertext = new byte[plaintext.Length];
        using (var aes = new AesGcm(key, tag.Length)) aes.Encrypt(nonce, plaintext, ciphertext, tag, KeyRingEncryption.Context);
        CryptographicOperations.ZeroMemory(plaintext);
        var sealedKey = new XElement("sealedKey",
            new XAttribute("masterKey", KeyRingEncryption.Fingerprint(key)),
            new XElement("nonce", Convert.ToBase64String(nonce)),
            new XElement("tag", Convert.ToBase64String(tag)),
            new XElement("value", Convert.ToBase64String(ciphertext)));
        return new EncryptedXmlInfo(sealedKey, typeof(MasterKeyXmlDecryptor));
    }
}

/// <summary>
/// Opens a key sealed by <see cref="MasterKeyXmlEncryptor"/>. Data protection creates it by name from the stored XML
/// (so this type's name is part of the stored data: do not rename it) with the service provider.
/// </summary>
internal sealed class MasterKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var keys = services.GetRequiredService<KeyFolder>();
        var expected = (string?)encryptedElement.Attribute("masterKey") ?? "";
        if (!keys.Has(KeyRingEncryption.MasterKeyName))
            throw new CryptographicException($"The data-protection master key ({KeyRingEncryption.MasterKeyName}.key, fingerprint {expected}) is missing from {keys.Path}: restore the key folder from its backup.");
        var key = keys.Secret(KeyRingEncryption.MasterKeyName);
        if (KeyRingEncryption.Fingerprint(key) != expected)
            throw new CryptographicException($"The data-protection key ring was sealed with master key {expected}, but {keys.Path} holds {KeyRingEncryption.Fingerprint(key)}: restore the matching key folder.");
        var nonce = Convert.FromBase64String((string?)encryptedElement.Element("nonce") ?? "");
        var tag = Convert.FromBase64String((string?)encryptedElement.Element("tag") ?? "");
        var ciphertext = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? "");
        var plaintext = new byte[ciphertext.Length];
        using (var aes = new AesGcm(key, tag.Length)) aes.Decrypt(nonce, ciphertext, tag, plaintext, KeyRingEncryption.Context);
        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
