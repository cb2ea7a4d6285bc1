using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Probity.Intelligence.Contracts;

/// <summary>
/// The reporter's way back to their report: a random reference and a random passphrase, of which only a PBKDF2 hash is
/// stored (ASP.NET Core Identity's password hasher: salted, HMAC-SHA512, 100,000 iterations). Both use an alphabet
/// without letters that read alike (no I, L, O or U), so a reporter can copy them from paper.
/// </summary>
internal static class RightLinePassphrases
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static readonly PasswordHasher<RightLineReport> Hasher = new();

    /// <summary>"RL-" and 10 random characters (50 bits): not secret, but not guessable and not in the order reports arrived.</summary>
    public static string NewReference() => "RL-" + Random(10);

    /// <summary>Six groups of four random characters (120 bits), e.g. "K7QX-M2PD-...".</summary>
    public static string NewPassphrase() => string.Join('-', Enumerable.Range(0, 6).Select(_ => Random(4)));

    public static string Hash(string passphrase) => Hasher.HashPassword(null!, Normalise(passphrase));

    public static bool Verifies(string hash, string passphrase) =>
        Hasher.VerifyHashedPassword(null!, hash, Normalise(passphrase)) != PasswordVerificationResult.Failed;

    /// <summary>A reference as typed (any case, spaces, a missing or doubled dash) in the form it was issued.</summary>
    public static string NormaliseReference(string? typed)
    {
        var letters = new string((typed ?? "").Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        if (letters.StartsWith("RL", StringComparison.Ordinal)) letters = letters[2..];
        return letters.Length == 0 ? "" : "RL-" + (letters.Length > 16 ? letters[..16] : letters);
    }

    // Case, spaces and dashes do not matter: the reporter may copy it by hand.
    private static string Normalise(string passphrase) =>
        new(passphrase.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    private static string Random(int length) => RandomNumberGenerator.GetString(Alphabet, length);
}
