using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DigitalBrain.Load;

/// <summary>One load user: registered through the app's own form (as a person would), then
/// holding a personal API token created through the API with the sign-in cookie.</summary>
public sealed partial record LoadUser(int Index, string UserId, string Email, string Password, HttpClient Api)
{
    public static async Task<LoadUser> RegisterAsync(Uri baseAddress, int index, string runTag, CancellationToken ct)
    {
        var email = $"load{index}.{runTag}@example.org";
        var password = $"load test passphrase {runTag}";
        using (var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseAddress })
        {
            var html = await browser.GetStringAsync("/account/register", ct);
            var token = WebUtility.HtmlDecode(AntiforgeryInput().Match(html).Groups[1].Value);
            using var form = new FormUrlEncodedContent([
                new("_handler", "register"), new("__RequestVerificationToken", token), new("Input.DisplayName", $"Load {index}"),
                new("Input.Email", email), new("Input.Password", password), new("Input.ConfirmPassword", password),
            ]);
            using var registered = await browser.PostAsync("/account/register", form, ct);
            if (registered.StatusCode != HttpStatusCode.Redirect)
                throw new InvalidOperationException($"Registering {email} answered {(int)registered.StatusCode}.");
            using var created = await browser.PostAsJsonAsync("/api/v1/tokens", new { name = "load test" }, ct);
            created.EnsureSuccessStatusCode();
            var apiToken = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("token").GetString()!;
            var api = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 4 }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiToken);
            var me = await api.GetFromJsonAsync<JsonElement>("/api/v1/me", ct);
            return new LoadUser(index, me.GetProperty("userId").GetString()!, email, password, api);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
