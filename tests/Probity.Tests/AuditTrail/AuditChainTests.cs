using Probity.AuditTrail;

namespace Probity.Tests.AuditTrail;

public sealed class AuditChainTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 15, 30, TimeSpan.Zero);
    private static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private static readonly AuditChain Chain = new(Key);
    private const string Previous = "a3f1c2d4e5b6978812345678901234567890abcdefabcdefabcdefabcdef0123";

    private static string Hash(
        long sequence = 42, DateTimeOffset? at = null, string actor = "pc.smith", string action = "view",
        string target = "case:C2026-000001", string? detail = "opened", string? client = "10.0.0.7", string previous = Previous) =>
        Chain.HashOf(sequence, at ?? At, actor, action, target, detail, client, previous);

    [Fact]
    public void The_same_entry_always_hashes_the_same()
    {
        Assert.Equal(Hash(), Hash());
        Assert.Equal(Chain.HashOf(1, At, "a", "b", "c", null, null, AuditChain.Genesis),
                     Chain.HashOf(1, At, "a", "b", "c", null, null, AuditChain.Genesis));
    }

    [Fact]
    public void The_hash_is_64_lower_case_hex_characters_like_the_genesis()
    {
        var hash = Hash();
        Assert.Equal(AuditChain.Genesis.Length, hash.Length);
        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.Matches("^0{64}$", AuditChain.Genesis);
    }

    [Fact]
    public void A_known_entry_has_a_known_seal()
    {
        // Pins the canonical form and the keyed hash: changing either would break verification of every trail written.
        // Each field length-prefixed: "<length>:<text>;", sealed with HMAC-SHA-256 under the trail's key.
        var ticks = At.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var canonical = System.Text.Encoding.UTF8.GetBytes($"1:1;{ticks.Length}:{ticks};8:pc.smith;4:view;7:case:C1;0:;0:;64:{AuditChain.Genesis};");
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Key, canonical)),
            Chain.HashOf(1, At, "pc.smith", "view", "case:C1", null, null, AuditChain.Genesis));
        // Entries written before the trail was keyed were sealed with the plain SHA-256 of the same bytes.
        var legacy = new AuditEntry { Sequence = 1, At = At, Actor = "pc.smith", Action = "view", Target = "case:C1", PreviousHash = AuditChain.Genesis, Hash = "" };
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(canonical)), AuditChain.UnkeyedHashOf(legacy));
    }

    [Fact]
    public void Without_the_key_nobody_can_reproduce_a_seal()
    {
        // What a database administrator re-chaining the trail would compute: another key, or no key at all.
        var other = new AuditChain([.. Enumerable.Range(2, 32).Select(i => (byte)i)]);
        var entry = new AuditEntry { Sequence = 7, At = At, Actor = "a", Action = "view", Target = "case:C1", PreviousHash = AuditChain.Genesis, Hash = "" };
        entry.Hash = Chain.HashOf(entry);
        Assert.True(Chain.Holds(entry));
        Assert.NotEqual(entry.Hash, other.HashOf(entry));
        Assert.NotEqual(entry.Hash, AuditChain.UnkeyedHashOf(entry));
        Assert.False(Chain.Holds(new AuditEntry { Sequence = 7, At = At, Actor = "a", Action = "view", Target = "case:C1", PreviousHash = AuditChain.Genesis, Hash = AuditChain.UnkeyedHashOf(entry) }));
    }

    [Fact]
    public void A_key_shorter_than_256_bits_is_refused() =>
        Assert.Throws<ArgumentException>(() => new AuditChain(new byte[16]));

    public static TheoryData<string, string> Alterations => new()
    {
        { "sequence", Hash(sequence: 43) },
        { "time", Hash(at: At.AddTicks(10)) },
        { "actor", Hash(actor: "pc.smyth") },
        { "action", Hash(action: "export") },
        { "target", Hash(target: "case:C2026-000002") },
        { "detail", Hash(detail: "opened ") },
        { "detail removed", Hash(detail: null) },
        { "client", Hash(client: "10.0.0.8") },
        { "client removed", Hash(client: null) },
        { "previous hash", Hash(previous: AuditChain.Genesis) },
    };

    [Theory]
    [MemberData(nameof(Alterations))]
    public void Altering_any_field_changes_the_hash(string field, string altered)
    {
        Assert.False(Hash() == altered, $"altering the {field} left the hash unchanged");
    }

    [Fact]
    public void The_same_instant_in_another_offset_hashes_the_same()
    {
        // The trail hashes the instant, so a value read back in local time still verifies.
        Assert.Equal(Hash(), Hash(at: At.ToOffset(TimeSpan.FromHours(1))));
    }

    [Theory]
    [InlineData("ab", "c", "x", "a", "bc", "x")]       // actor / action
    [InlineData("a", "bc", "x", "a", "b", "cx")]       // action / target
    [InlineData("a", "b", "", "a", "", "b")]           // empty field moves
    public void Moving_text_across_a_field_boundary_changes_the_hash(string actor1, string action1, string target1, string actor2, string action2, string target2)
    {
        Assert.NotEqual(
            Chain.HashOf(1, At, actor1, action1, target1, null, null, AuditChain.Genesis),
            Chain.HashOf(1, At, actor2, action2, target2, null, null, AuditChain.Genesis));
    }

    [Fact]
    public void Moving_text_between_detail_and_client_changes_the_hash()
    {
        Assert.NotEqual(Hash(detail: "q=smith", client: "10.0.0.7"), Hash(detail: "q=smith1", client: "0.0.0.7"));
        Assert.NotEqual(Hash(detail: "", client: "x"), Hash(detail: "x", client: ""));
    }

    [Fact]
    public void A_missing_detail_or_client_hashes_like_an_empty_one()
    {
        // Documented equivalence: null and "" are stored alike, so they must verify alike.
        Assert.Equal(Hash(detail: null, client: null), Hash(detail: "", client: ""));
    }

    [Fact]
    public void The_sequence_and_time_are_not_confused()
    {
        Assert.NotEqual(
            Chain.HashOf(1, new DateTimeOffset(23, TimeSpan.Zero), "a", "b", "c", null, null, AuditChain.Genesis),
            Chain.HashOf(12, new DateTimeOffset(3, TimeSpan.Zero), "a", "b", "c", null, null, AuditChain.Genesis));
    }

    [Fact]
    public void HashOf_an_entry_uses_every_stored_field()
    {
        var entry = new AuditEntry
        {
            Sequence = 42, At = At, Actor = "pc.smith", Action = "view", Target = "case:C2026-000001",
            Detail = "opened", Client = "10.0.0.7", PreviousHash = Previous, Hash = "",
        };
        Assert.Equal(Hash(), Chain.HashOf(entry));
        entry.Hash = "anything"; // the stored hash itself is not part of what is hashed
        Assert.Equal(Hash(), Chain.HashOf(entry));
    }

    [Fact]
    public void A_unit_separator_inside_a_field_cannot_make_two_entries_hash_alike()
    {
        // A failed sign-in records the typed user name as the actor, unfiltered.
        Assert.NotEqual(
            Chain.HashOf(1, At, "x\u001fsign_in", "sign_in_failed", "account:x", null, null, AuditChain.Genesis),
            Chain.HashOf(1, At, "x", "sign_in\u001fsign_in_failed", "account:x", null, null, AuditChain.Genesis));
    }
}
