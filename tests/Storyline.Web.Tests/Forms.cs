using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Storyline.Web.Tests;

/// <summary>Reads pages and submits their forms the way a browser does (antiforgery token and cookies included).</summary>
public static class Forms
{
    public static async Task<IDocument> Page(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        return await Parse(response);
    }

    public static async Task<IDocument> Parse(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>The antiforgery token of the first form posting to <paramref name="handler"/> (or of the first POST form).</summary>
    public static string Token(IDocument page, string? handler = null)
    {
        var form = page.QuerySelectorAll("form[method=post]")
            .First(f => handler is null || (f.GetAttribute("action") ?? "").Contains("handler=" + handler, StringComparison.Ordinal));
        return form.QuerySelector("input[name=__csrf]")!.GetAttribute("value")!;
    }

    /// <summary>Loads a batch's progress page until it stops refreshing itself (the batch is done); fails after about 30 s.</summary>
    public static async Task<IDocument> FollowJob(HttpClient client, string path)
    {
        for (var i = 0; i < 120; i++)
        {
            var page = await Page(client, path);
            if (page.QuerySelector("meta[http-equiv=refresh]") is null) return page;
            await Task.Delay(250);
        }
        throw new TimeoutException($"{path} still running");
    }

    /// <summary>Signs the client in with the API key through the sign-in form.</summary>
    public static async Task<HttpResponseMessage> SignIn(HttpClient client, string key)
    {
        var page = await Page(client, "/signin");
        return await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__csrf"] = Token(page),
            ["Key"] = key,
        }));
    }

    /// <summary>Pastes text into the Add coverage form.</summary>
    public static async Task<HttpResponseMessage> Paste(HttpClient client, string text, string? title = null, string? source = null, string? published = null)
    {
        var page = await Page(client, "/add");
        return await client.PostAsync("/add?handler=Paste", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__csrf"] = Token(page, "Paste"),
            ["Text"] = text,
            ["PasteTitle"] = title ?? "",
            ["Source"] = source ?? "",
            ["Published"] = published ?? "",
        }));
    }
}
