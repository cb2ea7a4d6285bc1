using Probity.Identity.Contracts;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Probity.Database;

namespace Probity.IntegrationTests;

/// <summary>
/// An outsider (or an insider with a grudge) at the sign-in page: locking people out, guessing, telling real user
/// names from made-up ones, flooding from one address, and writing huge names into the trail.
/// </summary>
public sealed class SignInAbuseTests
{
    private const string WrongPassword = "The user name or password is not right.";

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task An_attackers_failures_from_one_address_never_stop_the_person_signing_in_from_another(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider, demo: false);
        await app.AddUserAsync("victim", Roles.Investigator, "dps-acu");
        var attacker = app.NewClient("203.0.113.7");

        var answers = new List<(HttpStatusCode Status, string Alert)>();
        for (var i = 0; i < 8; i++)
        {
            var response = await attacker.PostFormAsync("/account/sign-in", new() { ["UserName"] = "victim", ["Password"] = $"Guess-number-{i}-aaaa" });
            answers.Add((response.StatusCode, SignedInClient.Alert(await response.Content.ReadAsStringAsync())));
        }
        // Three guesses are checked; after that the attacker is made to wait, and is refused until they do.
        Assert.All(answers.Take(3), a => Assert.Equal((HttpStatusCode.OK, WrongPassword), a));
        Assert.All(answers.Skip(3), a =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, a.Status);
            Assert.Matches("^Too many failed attempts\\. Wait 1[0-5] seconds, then try again\\.$", a.Alert);
        });
        // Even the right password is not checked from there while the wait lasts.
        var right = await attacker.PostFormAsync("/account/sign-in", new() { ["UserName"] = "victim", ["Password"] = ProbityApp.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Null(right.Headers.Location);

        // The person, at their own machine, signs in straight away: nothing was locked.
        var victim = await app.SignInFreshAsync("victim", address: "198.51.100.20");
        Assert.True(await SessionTests.IsSignedInAsync(victim));
        await using var scope = app.SystemScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ProbityUser>>().FindByNameAsync("victim");
        Assert.Null(user!.LockoutEnd);

        var trail = await app.TrailAsync();
        Assert.Equal(3, trail.Count(e => e.Action == "sign_in_failed" && e.Target == "account:victim" && e.Client == "203.0.113.7"));
        Assert.Equal(6, trail.Count(e => e.Action == "sign_in_throttled" && e.Target == "account:victim" && e.Client == "203.0.113.7"));
        Assert.Contains(trail, e => e.Action == "sign_in" && e.Actor == "victim" && e.Client == "198.51.100.20");
    }

    [Fact]
    public async Task The_wait_grows_with_each_further_failure_and_then_the_right_password_works()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await Apps.CreateAsync(Provider.Sqlite, demo: false, services: s => s.AddSingleton<TimeProvider>(clock));
        await app.AddUserAsync("slowed", Roles.Analyst);
        var guesser = app.NewClient("203.0.113.8");
        async Task<(HttpStatusCode, string)> TryAsync(string password)
        {
            var response = await guesser.PostFormAsync("/account/sign-in", new() { ["UserName"] = "slowed", ["Password"] = password });
            return (response.StatusCode, SignedInClient.Alert(await response.Content.ReadAsStringAsync()));
        }

        for (var i = 0; i < 3; i++) Assert.Equal((HttpStatusCode.OK, WrongPassword), await TryAsync("Wrong-password-1"));
        Assert.Equal((HttpStatusCode.TooManyRequests, "Too many failed attempts. Wait 15 seconds, then try again."), await TryAsync("Wrong-password-1"));
        clock.Advance(TimeSpan.FromSeconds(16));
        Assert.Equal((HttpStatusCode.OK, WrongPassword), await TryAsync("Wrong-password-2"));
        Assert.Equal((HttpStatusCode.TooManyRequests, "Too many failed attempts. Wait 30 seconds, then try again."), await TryAsync(ProbityApp.Password));
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal((HttpStatusCode.OK, WrongPassword), await TryAsync("Wrong-password-3"));
        Assert.Equal((HttpStatusCode.TooManyRequests, "Too many failed attempts. Wait 60 seconds, then try again."), await TryAsync(ProbityApp.Password));
        clock.Advance(TimeSpan.FromSeconds(61));

        var signedIn = await app.SignInFreshAsync("slowed", address: "203.0.113.8");
        Assert.True(await SessionTests.IsSignedInAsync(signedIn));
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_made_up_name_is_answered_exactly_like_a_real_one_and_costs_the_same_password_hash(Provider provider)
    {
        var hasher = new CountingHasher();
        await using var app = await Apps.CreateAsync(provider, demo: false, services: s => s.AddSingleton<IPasswordHasher<ProbityUser>>(sp =>
            hasher.Wrapping(new PasswordHasher<ProbityUser>(sp.GetRequiredService<IOptions<PasswordHasherOptions>>()))));
        await app.AddUserAsync("real.person", Roles.CaseHandler);

        async Task<(HttpStatusCode Status, string Alert, int Hashes)> TryAsync(SignedInClient client, string name)
        {
            var before = hasher.Verifications;
            var response = await client.PostFormAsync("/account/sign-in", new() { ["UserName"] = name, ["Password"] = "Not-the-password-1" });
            return (response.StatusCode, SignedInClient.Alert(await response.Content.ReadAsStringAsync()), hasher.Verifications - before);
        }

        var real = app.NewClient("192.0.2.10");
        var madeUp = app.NewClient("192.0.2.11");
        for (var i = 0; i < 6; i++)
        {
            var a = await TryAsync(real, "real.person");
            var b = await TryAsync(madeUp, "made.up.person");
            // Same status and same words, every time: first "not right", then the same wait (never "locked" for real names only).
            Assert.Equal((a.Status, Digitless(a.Alert)), (b.Status, Digitless(b.Alert)));
            // And the same work: the password hash is computed for the made-up name too (so no timing tells them apart).
            Assert.Equal(a.Hashes, b.Hashes);
            if (i < 3) Assert.Equal(1, b.Hashes);
        }
    }

    [Fact]
    public async Task One_address_is_limited_to_twenty_sign_in_posts_a_minute_and_others_are_not_affected()
    {
        await using var app = await Apps.CreateAsync(Provider.Sqlite, demo: false);
        var flooder = app.NewClient("203.0.113.9");
        for (var i = 0; i < 20; i++)
        {
            // Without a token: refused by the antiforgery check, but each post counts against the address.
            var allowed = await flooder.Http.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = $"name{i}", ["Password"] = "x" }), TestContext.Current.CancellationToken);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, allowed.StatusCode);
        }
        var limited = await flooder.PostFormAsync("/account/sign-in", new() { ["UserName"] = "someone", ["Password"] = "x" });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("data-testid=\"rate-limited\"", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("60", limited.Headers.RetryAfter?.ToString());

        var neighbour = app.NewClient("203.0.113.10");
        var answered = await neighbour.PostFormAsync("/account/sign-in", new() { ["UserName"] = "someone", ["Password"] = "Wrong-password-1" });
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(WrongPassword, SignedInClient.Alert(await answered.Content.ReadAsStringAsync()));
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_huge_user_name_is_refused_before_anything_is_stored_and_the_trail_keeps_a_short_hashed_form(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider, demo: false);
        var huge = new string('A', 100_000);
        var client = app.NewClient();
        var response = await client.PostFormAsync("/account/sign-in", new() { ["UserName"] = huge, ["Password"] = "whatever-password" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("at most 256 characters", SignedInClient.Alert(page), StringComparison.Ordinal);
        Assert.DoesNotContain(new string('A', 300), page, StringComparison.Ordinal);

        // 257 characters is one too many; 256 is a name like any other (wrong password).
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostFormAsync("/account/sign-in", new() { ["UserName"] = new string('b', 257), ["Password"] = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostFormAsync("/account/sign-in", new() { ["UserName"] = new string('c', 256), ["Password"] = "x" })).StatusCode);

        var trail = await app.TrailAsync();
        Assert.All(trail, e =>
        {
            Assert.True(e.Actor.Length <= 256 && e.Target.Length <= 300 && (e.Detail?.Length ?? 0) <= 300, $"entry {e.Sequence} is too long");
            Assert.DoesNotContain(new string('A', 100), e.Target, StringComparison.Ordinal);
        });
        var refused = Assert.Single(trail, e => e.Action == "sign_in_refused" && e.Detail!.Contains("100000 characters", StringComparison.Ordinal));
        Assert.Matches("^account:A{48}…\\[100000 characters, sha256 [0-9a-f]{16}\\]$", refused.Target);
        await using var scope = app.SystemScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<ProbityDb>().Users.CountAsync(TestContext.Current.CancellationToken));
    }

    // A wait is counted from each name's own last failure, a few milliseconds apart: compare the words, not the seconds.
    private static string Digitless(string text) => System.Text.RegularExpressions.Regex.Replace(text, "[0-9]+", "#");

    /// <summary>The real PBKDF2 hasher, counting how often a password is checked against a hash.</summary>
    private sealed class CountingHasher : IPasswordHasher<ProbityUser>
    {
        private IPasswordHasher<ProbityUser>? _inner;
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public CountingHasher Wrapping(IPasswordHasher<ProbityUser> inner)
        {
            _inner = inner;
            return this;
        }

        public string HashPassword(ProbityUser user, string password) => _inner!.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(ProbityUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner!.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
