using System.Net;
using System.Text.RegularExpressions;

namespace DigitalBrain.Tests.Security;

/// <summary>The log-in form as a browser posts it: GET the page for the antiforgery cookie and
/// token, then POST the fields with the token.</summary>
internal static partial class LoginForm
{
    public static HttpClient NewBrowserlikeClient(SecurityAppFixture f) =>
        f.Client(null, new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });

    /// <summary>A cookie-keeping client that is signed in as <paramref name="email"/>.</summary>
    public static async Task<HttpClient> SignedInAsync(Uri baseAddress, string email, string password)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        using var response = await PostAsync(client, email, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"log-in of {email}: {(int)response.StatusCode}");
        return client;
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path = "/account/login")
    {
        var html = await client.GetStringAsync(path, TestContext.Current.CancellationToken);
        var match = TokenInput().Match(html);
        Assert.True(match.Success, "The form carries no antiforgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string email, string password, bool withToken = true)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("_handler", "login"), new("Input.Email", email), new("Input.Password", password),
        };
        if (withToken)
            fields.Add(new("__RequestVerificationToken", await AntiforgeryTokenAsync(client)));
        using var form = new FormUrlEncodedContent(fields);
        return await client.PostAsync("/account/login", form, TestContext.Current.CancellationToken);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
