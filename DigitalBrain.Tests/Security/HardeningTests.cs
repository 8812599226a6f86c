using System.Net;
using System.Text.Json;
using DigitalBrain.Tests.Api;

namespace DigitalBrain.Tests.Security;

/// <summary>Issue 11 point 2 against the real app in Production mode: security headers, rate
/// limits answering 429, antiforgery on the account forms, no stack traces to callers, and the
/// security events in the app's log with their event ids.</summary>
[Collection(SecurityAppCollection.Name)]
public sealed class HardeningTests(SecurityAppFixture f)
{
    [Fact]
    public async Task Pages_and_api_answers_carry_the_security_headers_and_the_import_map_carries_the_policy_nonce()
    {
        var ct = TestContext.Current.CancellationToken;
        var anonymous = f.Client(null);
        foreach (var path in new[] { "/", "/account/login", "/api/v1/me", "/no-such-page" })
        {
            using var response = await anonymous.GetAsync(path, ct);
            var csp = Single(response, "Content-Security-Policy");
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
            Assert.Matches("script-src 'self' 'nonce-[0-9A-F]{36}';", csp);
            Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
            Assert.Equal("DENY", Single(response, "X-Frame-Options"));
            Assert.Equal("strict-origin-when-cross-origin", Single(response, "Referrer-Policy"));
        }

        using var home = await anonymous.GetAsync("/", ct);
        var nonce = System.Text.RegularExpressions.Regex.Match(Single(home, "Content-Security-Policy"), "'nonce-([^']+)'").Groups[1].Value;
        var html = await home.Content.ReadAsStringAsync(ct);
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\"", html, StringComparison.Ordinal);
        using var again = await anonymous.GetAsync("/", ct);
        Assert.NotEqual(Single(home, "Content-Security-Policy"), Single(again, "Content-Security-Policy"));
    }

    [Fact]
    public async Task Api_calls_beyond_the_limit_answer_429_with_retry_after_and_problem_details_and_other_tokens_go_on()
    {
        var (_, _, client) = await f.NewUserAsync();
        var (_, _, other) = await f.NewUserAsync();
        for (var i = 0; i < SecurityAppFixture.ApiLimit; i++)
            await client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/v1/me");

        using var refused = await client.GetAsync("/api/v1/me", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.True(retryAfter is { TotalSeconds: > 0 and <= 600 }, $"Retry-After: {refused.Headers.RetryAfter}");
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(429, problem.GetProperty("status").GetInt32());

        await other.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/v1/me");
        Assert.Contains("refused GET /api/v1/me", await f.LogLineAsync("Rate limit api refused"), StringComparison.Ordinal);
        Assert.Contains("DigitalBrain.Security[4030]", f.App.Log, StringComparison.Ordinal);
    }

    /// <summary>One test, because every log-in post from this machine shares one limit: a post
    /// without the antiforgery token is refused, a good one succeeds, five bad ones lock the
    /// account, and the post after the limit answers 429. Each outcome is logged with its id.</summary>
    [Fact]
    public async Task Login_posts_need_the_antiforgery_token_are_logged_lock_the_account_and_are_rate_limited()
    {
        var (_, email, _) = await f.NewUserAsync("the right passphrase here");
        var (_, victim, _) = await f.NewUserAsync("another right passphrase");

        using (var forged = await LoginForm.PostAsync(LoginForm.NewBrowserlikeClient(f), email, "the right passphrase here", withToken: false))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
            Assert.False(forged.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("DigitalBrain.Auth=", StringComparison.Ordinal)));
        }

        using (var good = await LoginForm.PostAsync(LoginForm.NewBrowserlikeClient(f), email, "the right passphrase here"))
        {
            Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
            Assert.Contains(good.Headers.GetValues("Set-Cookie"), c => c.StartsWith("DigitalBrain.Auth=", StringComparison.Ordinal));
        }
        await f.LogLineAsync($"Login succeeded for {email} from 127.0.0.1");
        Assert.Contains("DigitalBrain.Security[4001]", f.App.Log, StringComparison.Ordinal);

        var browser = LoginForm.NewBrowserlikeClient(f);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var bad = await LoginForm.PostAsync(browser, victim, "not the passphrase at all");
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode); // the form again, with its error
        }
        await f.LogLineAsync($"Login failed for {victim} from 127.0.0.1");
        await f.LogLineAsync($"Account {victim} is locked out");
        Assert.Equal(4, CountOccurrences(f.App.Log, $"Login failed for {victim} "));
        Assert.Contains("DigitalBrain.Security[4002]", f.App.Log, StringComparison.Ordinal);
        Assert.Contains("DigitalBrain.Security[4003]", f.App.Log, StringComparison.Ordinal);

        // 1 forged + 1 good + 5 bad = the limit (SecurityAppFixture.LoginLimit = 7): the next post is refused before it is read.
        using var limited = await LoginForm.PostAsync(browser, victim, "another right passphrase");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Contains("Rate limit login refused POST /account/login", await f.LogLineAsync("Rate limit login refused"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_logout_post_without_the_antiforgery_token_is_refused()
    {
        using var form = new FormUrlEncodedContent([new("returnUrl", "/")]);
        using var response = await LoginForm.NewBrowserlikeClient(f).PostAsync("/account/logout", form, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Token_creation_use_revocation_and_membership_changes_are_logged_with_event_ids()
    {
        var (ownerId, _, owner) = await f.NewUserAsync();
        var (memberId, _, _) = await f.NewUserAsync();
        var created = await owner.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/tokens", new { name = "logged token" });
        var tokenId = created.GetProperty("view").GetProperty("id").GetGuid();
        var fresh = f.Client(created.GetProperty("token").GetString());
        await fresh.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/v1/me");
        await owner.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/api/v1/tokens/{tokenId}");
        await fresh.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Get, "/api/v1/tokens");

        var model = (await owner.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/models", new { name = "Logged " + ownerId })).Id();
        await owner.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Put, $"/api/v1/models/{model}/members/{memberId}", new { role = "curator" });
        await owner.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/api/v1/models/{model}/members/{memberId}");

        await f.LogLineAsync($"User {ownerId} created API token {tokenId} (logged token)");
        await f.LogLineAsync($"API token of user {ownerId} used for GET /api/v1/me");
        await f.LogLineAsync($"User {ownerId} revoked API token {tokenId}");
        await f.LogLineAsync("An unknown, revoked or expired API token was sent for GET /api/v1/tokens");
        await f.LogLineAsync($"User {ownerId} set the role of {memberId} in model {model} to Curator (was none)");
        await f.LogLineAsync($"User {ownerId} removed {memberId} (role Curator) from model {model}");
        foreach (var id in new[] { 4020, 4021, 4022, 4023, 4011, 4012 })
            Assert.Contains($"DigitalBrain.Security[{id}]", f.App.Log, StringComparison.Ordinal);
        Assert.DoesNotContain(created.GetProperty("token").GetString()!, f.App.Log, StringComparison.Ordinal);
    }

    /// <summary>A version whose stored spec cannot be read makes the API fail unexpectedly: the
    /// caller gets problem details with a trace id, no exception text and no stack trace.</summary>
    [Fact]
    public async Task An_unexpected_api_failure_answers_problem_details_without_a_stack_trace()
    {
        var ct = TestContext.Current.CancellationToken;
        var (ownerId, _, owner) = await f.NewUserAsync();
        var model = (await owner.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/models", new { name = "Broken " + ownerId })).Id();
        var versionId = Guid.NewGuid();
        await using (var db = Infrastructure.PostgresFixture.CreateContext(f.ConnectionString))
        {
            db.Set<Core.Versions.ModelVersion>().Add(new Core.Versions.ModelVersion
            {
                Id = versionId, BrainModelId = model, Number = 1, ContentHash = new string('b', 64), SpecJson = "{}",
                CreatedById = ownerId, CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync(ct);
        }
        var (status, problem, text) = await owner.SendAsync(HttpMethod.Get, $"/api/v1/versions/{versionId}");
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal(500, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain("NetworkSpec", text, StringComparison.Ordinal);
        Assert.Contains($"Unhandled exception for GET /api/v1/versions/{versionId}", await f.LogLineAsync("Unhandled exception for GET /api/v1/versions/"), StringComparison.Ordinal);
    }

    private static string Single(HttpResponseMessage response, string header) =>
        Assert.Single(response.Headers.TryGetValues(header, out var values) ? values : response.Content.Headers.TryGetValues(header, out var content) ? content : []);

    private static int CountOccurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
            count++;
        return count;
    }
}
