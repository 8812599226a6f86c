using System.Net;

namespace DigitalBrain.Tests.Security;

/// <summary>Issue 11 point 2, HTTPS outside Development: HSTS for a year on HTTPS answers and
/// never on plain HTTP, plain HTTP redirected to the HTTPS port, and the security headers on
/// HTTPS answers as on HTTP ones.</summary>
public sealed class HttpsTests(HttpsAppFixture f) : IClassFixture<HttpsAppFixture>
{
    private const long OneYearSeconds = 365L * 24 * 3600;

    [Fact]
    public async Task Https_answers_carry_hsts_for_at_least_a_year_and_the_security_headers()
    {
        using var client = f.NewClient();
        foreach (var path in new[] { "/", "/account/login", "/api/v1/me", "/no-such-page" })
        {
            using var response = await client.GetAsync(f.Https(path), TestContext.Current.CancellationToken);
            var hsts = Single(response, "Strict-Transport-Security");
            var maxAge = System.Text.RegularExpressions.Regex.Match(hsts, @"max-age=(\d+)");
            Assert.True(maxAge.Success, $"{path}: {hsts}");
            Assert.True(long.Parse(maxAge.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= OneYearSeconds, $"{path}: {hsts}");
            Assert.Contains("includeSubDomains", hsts, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("frame-ancestors 'none'", Single(response, "Content-Security-Policy"), StringComparison.Ordinal);
            Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
            Assert.Equal("DENY", Single(response, "X-Frame-Options"));
            Assert.Equal("strict-origin-when-cross-origin", Single(response, "Referrer-Policy"));
        }
    }

    [Fact]
    public async Task Plain_http_is_redirected_to_the_same_path_on_https_without_hsts()
    {
        using var client = f.NewClient();
        foreach (var path in new[] { "/", "/account/login?returnUrl=%2Fmodels", "/api/v1/me" })
        {
            using var response = await client.GetAsync(f.Http(path), TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect or HttpStatusCode.MovedPermanently or HttpStatusCode.Redirect,
                $"{path}: {(int)response.StatusCode}");
            Assert.Equal(f.Https(path), response.Headers.Location);
            // HSTS over plain HTTP would be ignored by browsers and is forbidden by RFC 6797 §7.2.
            Assert.False(response.Headers.Contains("Strict-Transport-Security"), path);
        }
    }

    private static string Single(HttpResponseMessage response, string header) =>
        Assert.Single(response.Headers.TryGetValues(header, out var values) ? values : response.Content.Headers.TryGetValues(header, out var content) ? content : []);
}
