using System.Text.RegularExpressions;

namespace MobilityMentoring.Bot.Tests.Infrastructure;

/// <summary>Posts a dashboard form as a browser does: with the antiforgery token the caller's own pages carry.</summary>
public static partial class PageForms
{
    public static async Task<HttpResponseMessage> PostFormAsync(
        this HttpClient http, string url, string handler, params IEnumerable<KeyValuePair<string, string>> fields)
    {
        var html = await http.GetStringAsync("/account/sign-in");
        var token = Token().Match(html);
        Assert.True(token.Success, "the sign-in page carries a form token");
        var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token.Groups[1].Value), .. fields]);
        return await http.PostAsync($"{url}?handler={handler}", content);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
