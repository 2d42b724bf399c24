using System.Text.RegularExpressions;

namespace MobilityMentoring.Bot.Tests.Infrastructure;

/// <summary>Posts a dashboard form as a browser does: with the antiforgery token the caller's own pages carry.</summary>
public static partial class PageForms
{
    public static async Task<HttpResponseMessage> PostFormAsync(
        this HttpClient http, string url, string handler, params IEnumerable<KeyValuePair<string, string>> fields)
    {
        var content = new FormUrlEncodedContent([new("__RequestVerificationToken", await http.FormTokenAsync()), .. fields]);
        return await http.PostAsync($"{url}?handler={handler}", content);
    }

    /// <summary>The form token this caller's pages carry (the sign-in page is open to every caller).</summary>
    public static async Task<string> FormTokenAsync(this HttpClient http, string page = "/account/sign-in")
    {
        var token = Token().Match(await http.GetStringAsync(page));
        Assert.True(token.Success, $"{page} carries a form token");
        return token.Groups[1].Value;
    }

    /// <summary>
    /// The notice a page showed after its handler redirected back (the TempData cookie travels with this client): proof
    /// that the form got past antiforgery and reached the handler, not just a redirect.
    /// </summary>
    public static async Task<string> NoticeAfterAsync(this HttpClient http, HttpResponseMessage posted)
    {
        Assert.Equal(System.Net.HttpStatusCode.Redirect, posted.StatusCode);
        var notice = Notice().Match(await http.GetStringAsync(posted.Headers.Location));
        Assert.True(notice.Success, "the page shows a notice after the form");
        return System.Net.WebUtility.HtmlDecode(notice.Groups[1].Value);
    }

    [GeneratedRegex("id=\"notice\">([^<]*)<")]
    private static partial Regex Notice();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
